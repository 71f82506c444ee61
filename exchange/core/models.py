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


class RateCount(models.Model):
    """How often one key (an email address, a client address, an account) did one thing (`scope`) in the window
    that its first time opened. The key is kept only as a keyed hash: the table names no one."""

    scope = models.CharField(max_length=60)
    key_hash = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    window_end = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key_hash"], name="core_ratecount_one_per_key")]

    def __str__(self) -> str:
        return f"{self.scope}: {self.count} until {self.window_end:%H:%M:%S}"
