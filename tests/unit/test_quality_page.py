"""What the 数据质量 Quality page shows, on its pure functions: a short name for every issue code (and
unknown codes as they are), notices named by their title rather than their hashed file. (Found in the
demo-data review.)"""

from __future__ import annotations

import pandas as pd

from dashboard.present import quality as quality_view
from dashboard.present.text import has
from etl.reference import load_yaml


def test_issue_codes_get_short_names_and_unknown_codes_stay_readable():
    assert quality_view.issue_type("value_approximate", "zh") == "约数"
    assert quality_view.issue_type("value_approximate", "en") == "Approximate value"
    assert quality_view.issue_type("brand_new_code", "zh") == "brand_new_code"


def test_every_issue_code_has_a_short_name():
    codes = load_yaml("issue_codes.yaml")["codes"]
    assert [c for c in codes if not has(f"quality.code_{c}")] == []


def test_notice_issues_name_the_notice_not_its_hashed_file():
    notices = pd.DataFrame({"source_file": ["004_669f.txt"], "title": ["关于开展2021年活动的通知"]})
    issues = pd.DataFrame(
        {
            "year": [2021],
            "kind": ["notice"],
            "source_file": ["004_669f.txt"],
            "sheet": [None],
            "cell": [None],
            "severity": ["warning"],
            "code": ["notice_field_missing"],
            "message": ["缺文号"],
            "message_en": ["x"],
        }
    )
    out = quality_view.issues_table(issues, "zh", quality_view.notice_titles(notices))
    assert out["文件"].tolist() == ["关于开展2021年活动的通知"] and out["工作表"].tolist() == [""]
