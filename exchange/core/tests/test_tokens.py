from exchange.core.tokens import token_derived, token_hash, token_new, token_rebuilt, token_salt_new


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


def test_a_derived_token_is_rebuilt_from_its_salt_under_the_secret_key_alone():
    salt = token_salt_new()
    token = token_derived(purpose="invitation", salt=salt)
    assert len(token) == 43 and token.replace("-", "").replace("_", "").isalnum()
    assert token_rebuilt(purpose="invitation", salt=salt, stored_hash=token_hash(token)) == token
    assert token_derived(purpose="survey-contact", salt=salt) != token  # the purpose keeps uses apart
    assert token_derived(purpose="invitation", salt=token_salt_new()) != token


def test_a_token_is_rebuilt_under_a_fallback_key_after_the_key_is_rotated(settings):
    salt = token_salt_new()
    stored = token_hash(token_derived(purpose="invitation", salt=salt))
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key"
    assert token_hash(token_rebuilt(purpose="invitation", salt=salt, stored_hash=stored)) == stored
    settings.SECRET_KEY_FALLBACKS = []
    assert token_rebuilt(purpose="invitation", salt=salt, stored_hash=stored) is None


def test_no_token_is_rebuilt_without_a_salt_or_for_another_hash():
    assert (
        token_rebuilt(
            purpose="invitation", salt="", stored_hash=token_hash(token_derived(purpose="invitation", salt=""))
        )
        is None
    )
    assert token_rebuilt(purpose="invitation", salt=token_salt_new(), stored_hash=token_hash(token_new())) is None
