"""Masking of personal data: the forms from the issue, and nothing recognisable left over."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.present.mask import (
    mask_address,
    mask_contact,
    mask_frame,
    mask_name,
    mask_text,
)
from etl.personal_data import mask_email, mask_phone


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13800000000", "138****0000"),
        ("138 1234 5678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("010-12345678", "010-****5678"),
        ("0755 8888 1234", "0755-****1234"),
        ("电话：13912345678，微信同号", "电话：139****5678，微信同号"),
    ],
)
def test_phone(raw, masked):
    assert mask_phone(raw) == masked


def test_other_long_digit_runs_keep_only_last_four():
    assert mask_phone("QQ 123456789") == "QQ *****6789"


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("武晓慧", "武*慧"),
        ("谢敏", "谢*"),
        ("欧阳晓慧", "欧**慧"),
        ("王", "*"),
        ("张三、李四四", "张*、李*四"),
        ("Zhang San", "Z*** S***"),
    ],
)
def test_name(raw, masked):
    assert mask_name(raw) == masked


def test_email():
    assert mask_email("zhangsan@cast.org.cn") == "z***@cast.org.cn"
    assert mask_text("联系 wang.li@163.com 或 13800001111") == "联系 w***@163.com 或 138****1111"


def test_address_truncated():
    assert mask_address("北京市海淀区复兴路3号中国科协") == "北京市海淀区…"
    assert mask_address("北京") == "北京"


def test_contact_by_field_and_none():
    assert mask_contact("phone", "13800000000") == "138****0000"
    assert mask_contact("contact_name", "武晓慧") == "武*慧"
    assert mask_contact("email", "a@b.cn") == "a***@b.cn"
    assert mask_contact("something", "call 13800000000") == "call 138****0000"
    assert mask_contact("phone", None) is None


def test_frames_long_and_wide():
    long = pd.DataFrame(
        {
            "field": ["contact_name", "phone", "email", "address"],
            "value": ["谢敏", "13800000000", "xm@cast.org.cn", "上海市黄浦区南京东路1号"],
        }
    )
    assert mask_frame(long, "field")["value"].tolist() == [
        "谢*",
        "138****0000",
        "x***@cast.org.cn",
        "上海市黄浦区…",
    ]
    wide = pd.DataFrame(
        {
            "org": ["中国科协"],
            "name": ["武晓慧"],
            "phone": ["010-68578888"],
            "email": ["wxh@cast.org.cn"],
            "address": ["北京市海淀区复兴路3号"],
        }
    )
    row = mask_frame(wide).iloc[0].to_dict()
    assert row == {
        "org": "中国科协",
        "name": "武*慧",
        "phone": "010-****8888",
        "email": "w***@cast.org.cn",
        "address": "北京市海淀区…",
    }
    assert wide.loc[0, "phone"] == "010-68578888", "the input frame is not changed"
