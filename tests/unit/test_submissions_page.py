"""What the 报送 Submissions page shows, on its pure functions: each notice named by its document number,
else its title. (Found in the demo-data review.)"""

from __future__ import annotations

import pandas as pd

from dashboard.present import submissions as submissions_view


def test_submissions_name_notices_by_document_number_or_title():
    deadlines = pd.DataFrame(
        {
            "notice_id": ["a", "b"],
            "doc_number": ["吉市科联发〔2024〕3号", None],
            "title": ["吉林通知", "农技协通知"],
        }
    )
    assert submissions_view.notice_names(deadlines) == {"a": "吉市科联发〔2024〕3号", "b": "农技协通知"}
