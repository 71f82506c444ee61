"""One warm request per URL in process, with the number of SQL queries and the time spent in them."""

import time


def profile_urls(urls: list[str]) -> list[tuple[str, int, int, int, float, float]]:
    """One warm request per URL in process: (url, status, bytes, queries, SQL ms, total ms)."""
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    sql: list[float] = []

    def record(execute, query, params, many, context):
        start = time.perf_counter()
        try:
            return execute(query, params, many, context)
        finally:
            sql.append(time.perf_counter() - start)

    rows = []
    for url in urls:
        client.get(url)
        sql.clear()
        start = time.perf_counter()
        with connection.execute_wrapper(record):
            response = client.get(url)
        total = time.perf_counter() - start
        rows.append((url, response.status_code, len(response.content), len(sql), sum(sql) * 1000, total * 1000))
    return rows


def print_profile(rows: list[tuple[str, int, int, int, float, float]]) -> None:
    print(f"  {'status':>6} {'KB':>6} {'queries':>7} {'SQL ms':>7} {'total ms':>8}  URL")
    for url, status, size, queries, sql_ms, total_ms in rows:
        print(f"  {status:>6} {size / 1024:>6.1f} {queries:>7} {sql_ms:>7.1f} {total_ms:>8.1f}  {url}")
