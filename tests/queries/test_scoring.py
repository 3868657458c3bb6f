"""The scoring configuration: packaged defaults, overrides per call, hash, errors that name the field."""

from __future__ import annotations

import pytest

from queries.scoring import FAMILIES, ConfigError, default_config, load_config, parse_config


def test_defaults_weigh_every_family_and_band_every_score():
    config = default_config()
    assert set(config.family_weights) == set(FAMILIES)
    assert [config.band(s).code for s in (0, 39.9, 40, 60, 80, 100)] == [
        "fragile",
        "fragile",
        "a_consolider",
        "solide",
        "tres_solide",
        "tres_solide",
    ]
    assert config.band(None) is None


def test_same_settings_give_the_same_hash_and_a_changed_threshold_another():
    assert parse_config("").digest() == default_config().digest()
    changed = parse_config("[thresholds]\nredundancy_jaccard = 0.6\n")
    assert changed.thresholds.redundancy_jaccard == 0.6
    assert changed.thresholds.diversity_target == default_config().thresholds.diversity_target
    assert changed.digest() != default_config().digest()
    assert len(changed.digest()) == 64


def test_call_overrides_apply_to_that_call_only():
    config = parse_config(
        '[calls."aap-2021"]\nkey_schemes = ["e2c"]\nrequired_stages = ["reperage"]\n'
        '[calls."aap-2021".thresholds]\nredundancy_jaccard = 0.9\n'
    )
    effective = config.for_call("aap-2021")
    assert [k.value for k in effective.key_schemes] == ["e2c"]
    assert [s.value for s in effective.required_stages] == ["reperage"]
    assert effective.thresholds.redundancy_jaccard == 0.9
    assert config.for_call("aap-2019") is config
    assert config.for_call(None) is config


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[thresholds]\nredundancy_jaccard = 3\n", "thresholds.redundancy_jaccard"),
        ('required_stages = ["nulle_part"]\n', "required_stages"),
        ("[family_weights]\nbonheur = 2\n", "family_weights"),
        ('[calls."x".thresholds]\ninconnu = 1\n', "calls.x.thresholds"),
    ],
)
def test_invalid_configuration_names_the_field(text, field):
    with pytest.raises(ConfigError) as caught:
        parse_config(text, "notation.toml")
    assert caught.value.message.startswith("notation.toml")
    assert field in caught.value.message


def test_unreadable_toml_and_missing_file_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="TOML illisible"):
        parse_config("x = [", "cassé.toml")
    with pytest.raises(ConfigError, match=r"absent\.toml"):
        load_config(tmp_path / "absent.toml")


def test_a_file_is_read_over_the_defaults(tmp_path):
    path = tmp_path / "notation.toml"
    path.write_text("[family_weights]\nfederation = 50\n", encoding="utf-8")
    config = load_config(path)
    assert config.family_weights["federation"] == 50
    assert config.family_weights["complementarity"] == default_config().family_weights["complementarity"]
