from exchange.core.tokens import token_hash, token_new


def test_a_new_token_carries_32_random_bytes_in_url_safe_text():
    token = token_new()
    assert len(token) == 43
    assert token.replace("-", "").replace("_", "").isalnum()


def test_no_two_tokens_are_the_same():
    assert len({token_new() for _ in range(100)}) == 100


def test_a_token_is_kept_as_its_sha256_and_never_as_itself():
    token = token_new()
    assert token_hash(token) == token_hash(token)
    assert len(token_hash(token)) == 64
    assert token not in token_hash(token)
