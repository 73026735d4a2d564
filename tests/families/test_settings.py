"""Family settings live in segmint.toml's [families] tables, round-trip, and old files still load."""

from __future__ import annotations

import pytest

from segmint import ConfigError, Settings, Workspace
from segmint.config import CONFIG_FILE, FamilySettings, dump_settings, load_settings

OLD_FILE = """# segmint workspace settings
[workspace]
currency = "GBP"
reference_date = "last_activity"
"""


def test_a_file_without_families_loads_with_the_defaults(tmp_path):
    path = tmp_path / CONFIG_FILE
    path.write_text(OLD_FILE, encoding="utf-8")
    settings = load_settings(path)
    assert settings.currency == "GBP" and settings.families == FamilySettings()


def test_changed_family_settings_survive_a_dump_and_a_load(tmp_path):
    families = {
        "rfm": {"bins": 3, "groups": [{"name": "Все \"покупці\"", "r": [1, 5], "fm": [1, 5]}]},
        "lifecycle": {"new_days": 30, "active_days": 60, "lapsed_days": 400},
        "activity": {"basis": "campaigns", "last_campaigns": 3, "response_types": ["email_click"]},
        "preferences": {"window_days": 365, "discount_share": 0.75},
        "temperature": {"hot_types": []},
    }
    settings = Settings(families=FamilySettings.model_validate(families))
    text = dump_settings(settings)
    assert "[families.rfm]" in text and "[families.temperature]" in text
    path = tmp_path / CONFIG_FILE
    path.write_text(text, encoding="utf-8")
    assert load_settings(path) == settings
    assert load_settings(path).families.rfm.groups[0].name == 'Все "покупці"'


def test_a_workspace_keeps_its_family_settings(tmp_path):
    settings = Settings(families=FamilySettings.model_validate({"rfm": {"bins": 4}}))
    Workspace.init(tmp_path / "ws", settings).close()
    with Workspace.open(tmp_path / "ws") as ws:
        assert ws.settings.families.rfm.bins == 4


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[families.rfm]\nbins = 6', r"line 6, \[families\.rfm\] bins: must be one of 3, 4, 5, not 6"),
        ("[families.lifecycle]\nactive_days = 400", r"\] active_days: must not exceed lapsed_days \(365\)"),
        ("[families.rfm_simple]\nvip_m_score = 4\n[families.rfm]\nbins = 3", r"vip_m_score: cannot exceed"),
        ("[families.activity]\nbasis = \"always\"", r"\[families\.activity\] basis"),
        ("[families]\nrfm_bins = 4", r"\[families\] rfm_bins: unknown setting"),
    ],
)
def test_a_bad_setting_is_named_with_its_file(tmp_path, table, message):
    path = tmp_path / CONFIG_FILE
    path.write_text(OLD_FILE + table + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)
