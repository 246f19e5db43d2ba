"""GET /healthz tells a load balancer whether the database and Redis answer."""


def test_healthy(client):
    """Both up: 200 and both reported ok."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "redis": "ok"}


def test_redis_down_is_reported(client, fresh_redis):
    """Redis stopped: 503 naming Redis as down, the database still ok."""
    fresh_redis.stop()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["redis"] == "down" and response.get_json()["database"] == "ok"
