"""Settings.from_env: parsing, validation and overrides."""

from __future__ import annotations

import pytest

from service.config import ConfigError, Settings


def test_defaults_without_environment():
    settings = Settings.from_env({})
    assert settings == Settings()
    assert settings.load_mode == "background" and settings.api_keys == ()


def test_env_parses_ints_bools_and_tuples():
    settings = Settings.from_env(
        {
            "CLAIMSCOPE_MAX_CHARS": " 5000 ",
            "CLAIMSCOPE_WORKERS": "3",
            "CLAIMSCOPE_LOAD_EMBEDDER": "false",
            "CLAIMSCOPE_WARMUP": "0",
            "CLAIMSCOPE_LOG_JSON": "Yes",
            "CLAIMSCOPE_API_KEYS": "k1, k2 ,,k3",
            "CLAIMSCOPE_CORS_ORIGINS": "https://a.example,https://b.example",
            "CLAIMSCOPE_LOAD_MODE": "lazy",
        }
    )
    assert settings.max_chars == 5000 and settings.workers == 3
    assert settings.load_embedder is False and settings.warmup is False
    assert settings.log_json is True
    assert settings.api_keys == ("k1", "k2", "k3")
    assert settings.cors_origins == ("https://a.example", "https://b.example")
    assert settings.load_mode == "lazy"


@pytest.mark.parametrize(
    "value, expected",
    [("1", True), ("true", True), ("ON", True), ("no", False), ("off", False), ("0", False)],
)
def test_bool_spellings(value, expected):
    assert Settings.from_env({"CLAIMSCOPE_LOAD_EMBEDDER": value}).load_embedder is expected


def test_env_overrides_defaults_and_blank_values_keep_them():
    assert Settings.from_env({"CLAIMSCOPE_MAX_BATCH_DOCUMENTS": "4"}).max_batch_documents == 4
    assert Settings.from_env({"CLAIMSCOPE_MAX_BATCH_DOCUMENTS": "  "}).max_batch_documents == 16


def test_keyword_overrides_beat_the_environment():
    settings = Settings.from_env({"CLAIMSCOPE_MAX_CHARS": "5000"}, max_chars=7000)
    assert settings.max_chars == 7000


def test_unrelated_variables_are_ignored():
    assert Settings.from_env({"MAX_CHARS": "1", "PATH": "/bin"}) == Settings()


@pytest.mark.parametrize(
    "name, value",
    [
        ("CLAIMSCOPE_MAX_CHARS", "lots"),
        ("CLAIMSCOPE_MAX_CHARS", "0"),
        ("CLAIMSCOPE_MAX_CHARS", "-5"),
        ("CLAIMSCOPE_MAX_BODY_BYTES", "1.5"),
        ("CLAIMSCOPE_MAX_BATCH_DOCUMENTS", "0"),
        ("CLAIMSCOPE_MAX_LABELS", "0"),
        ("CLAIMSCOPE_WORKERS", "0"),
        ("CLAIMSCOPE_WORKERS", "two"),
        ("CLAIMSCOPE_TORCH_THREADS", "-1"),
        ("CLAIMSCOPE_LOG_JSON", "maybe"),
        ("CLAIMSCOPE_LOAD_EMBEDDER", "2"),
        ("CLAIMSCOPE_LOAD_MODE", "soon"),
        ("CLAIMSCOPE_NER_BACKEND", "regex"),
        ("CLAIMSCOPE_ZERO_SHOT_BACKEND", "magic"),
        ("CLAIMSCOPE_CHUNK_CHARS", "10"),
        ("CLAIMSCOPE_PORT", "70000"),
        ("CLAIMSCOPE_TIMEOUT_S", "0"),
    ],
)
def test_bad_values_raise_config_error_naming_the_variable(name, value):
    with pytest.raises(ConfigError) as info:
        Settings.from_env({name: value})
    assert name in str(info.value)


def test_backends_that_need_a_model_name_say_so():
    with pytest.raises(ConfigError, match="CLAIMSCOPE_NER_MODEL"):
        Settings.from_env({"CLAIMSCOPE_NER_BACKEND": "hf"})
    with pytest.raises(ConfigError, match="CLAIMSCOPE_NLI_MODEL"):
        Settings.from_env({"CLAIMSCOPE_ZERO_SHOT_BACKEND": "nli"})
    settings = Settings.from_env({"CLAIMSCOPE_NER_BACKEND": "hf", "CLAIMSCOPE_NER_MODEL": "x"})
    assert settings.ner_model == "x"


def test_replace_validates():
    assert Settings().replace(max_chars=10).max_chars == 10
    with pytest.raises(ConfigError):
        Settings().replace(load_mode="never")


def test_api_keys_are_not_in_the_repr():
    assert "secret-key" not in repr(Settings.from_env({"CLAIMSCOPE_API_KEYS": "secret-key"}))


def test_limits_lists_every_limit_field():
    settings = Settings()
    limits = settings.limits()
    assert limits == {name: getattr(settings, name) for name in limits}
    assert {f for f in vars(settings) if f.startswith("max_") and "request" not in f} == set(limits)


@pytest.mark.parametrize("workers, cores, threads", [(2, 16, 8), (4, 2, 1), (1, 3, 3)])
def test_torch_threads_default_to_cores_per_worker(workers, cores, threads):
    assert Settings(workers=workers).effective_torch_threads(cores) == threads
    assert Settings(workers=workers, torch_threads=5).effective_torch_threads(cores) == 5


def test_a_single_process_runs_torch_on_one_thread_unless_told_otherwise():
    assert Settings(workers=2).single_process().effective_torch_threads(4) == 1
    assert Settings(workers=2, torch_threads=3).single_process().effective_torch_threads(4) == 3


def test_the_app_uses_environment_settings(monkeypatch):
    from service import create_app

    monkeypatch.setenv("CLAIMSCOPE_MAX_CHARS", "1234")
    monkeypatch.setenv("CLAIMSCOPE_LOAD_MODE", "lazy")
    app = create_app({"log_json": False, "log_level": "WARNING"})
    limits = app.test_client().get("/info").get_json()["limits"]
    assert limits["max_chars"] == 1234


def test_the_app_refuses_a_bad_environment(monkeypatch):
    from service import create_app

    monkeypatch.setenv("CLAIMSCOPE_MAX_BODY_BYTES", "big")
    with pytest.raises(ConfigError, match="CLAIMSCOPE_MAX_BODY_BYTES"):
        create_app({"load_mode": "lazy"})
