from django.db import models


class BaseModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class StoredFile(BaseModel):
    """One file of `storage.DatabaseStorage`, whole: what any web machine wrote, every other one reads."""

    name = models.CharField(max_length=300, unique=True)
    content = models.BinaryField()
    size = models.PositiveBigIntegerField()

    def __str__(self) -> str:
        return self.name
