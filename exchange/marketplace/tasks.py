from django_tasks import task


@task()
def service_line_ratings_refresh(*, service_line_ids: list[int]) -> int:
    """Move every offering in these service lines to the new prior after a rating."""
    from .services.ratings import offering_ratings_refresh

    return offering_ratings_refresh(service_line_ids=service_line_ids)
