-- Every table and view of data/campaigns.duckdb.
-- Names in ../shared/design/data-contract.md are required; everything else may grow.
-- Layers: reference tables -> raw read results (submissions, cell_values, load_issues)
--         -> metric_values (values used) -> province_metrics (one figure per province).

-- Reference: China's administrative divisions (from data/reference/regions.csv).
CREATE TABLE regions (
    code          VARCHAR PRIMARY KEY,  -- 6-digit code, always a string
    name          VARCHAR NOT NULL,     -- full name, e.g. 广东省
    short_name    VARCHAR NOT NULL,     -- e.g. 广东
    level         VARCHAR NOT NULL,     -- province | city | county
    parent_code   VARCHAR,              -- NULL for provinces
    province_code VARCHAR NOT NULL,     -- the province it lies in (itself for provinces)
    macro_region  VARCHAR               -- 华北 东北 华东 中南 西南 西北 (provinces only)
);

-- Reference: 2023 year-end resident population per province, 10,000 persons.
CREATE TABLE population (
    province      VARCHAR PRIMARY KEY,  -- full province name as in regions.name
    province_code VARCHAR NOT NULL,
    population_10k DOUBLE NOT NULL,
    year          INTEGER NOT NULL,
    source        VARCHAR
);

-- Reference: the metric catalogue (data/reference/metrics.yaml).
CREATE TABLE metrics (
    metric     VARCHAR PRIMARY KEY,     -- canonical code, e.g. volunteers
    name_zh    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    unit_zh    VARCHAR NOT NULL,
    unit_en    VARCHAR NOT NULL,
    max_value  DOUBLE NOT NULL,         -- plausible maximum for one submission
    sort_order INTEGER NOT NULL
);

-- One row per file read under the submissions folder.
CREATE TABLE submissions (
    submission_id    VARCHAR PRIMARY KEY, -- stable: derived from source_file
    year             INTEGER,             -- NULL only when rejected for having no year
    org_name         VARCHAR,             -- as written (（盖章） stripped), else from the file name
    org_key          VARCHAR,             -- identity used for the duplicate rule
    org_level        VARCHAR,             -- national | province | city | county | unit
    reporting_system VARCHAR,             -- 科协 | 农技协
    province         VARCHAR,             -- full names, NULL for national bodies
    province_code    VARCHAR,
    city             VARCHAR,
    city_code        VARCHAR,
    county           VARCHAR,
    county_code      VARCHAR,
    form             VARCHAR,             -- summary | recommendation | plan | NULL when unknown
    source_file      VARCHAR NOT NULL,    -- path relative to the submissions folder, '/' separated
    file_format      VARCHAR,             -- xlsx | xlsm | xls
    sha256           VARCHAR NOT NULL,
    file_size        BIGINT,
    modified_at      TIMESTAMP,           -- when the unit saved it: workbook property, else file mtime
    modified_source  VARCHAR,             -- workbook | file
    is_demo          BOOLEAN NOT NULL,    -- written by `python -m etl sample`
    status           VARCHAR NOT NULL,    -- loaded | duplicate | rejected
    duplicate_of     VARCHAR              -- submission_id of the loaded file, for duplicates
);

-- Every labelled cell read from a submission, used or not, for tracing a figure to its cell.
CREATE TABLE cell_values (
    submission_id VARCHAR NOT NULL,
    source_file   VARCHAR NOT NULL,
    sheet         VARCHAR NOT NULL,
    cell          VARCHAR NOT NULL,      -- A1 address of the value cell
    label         VARCHAR,               -- the label as written
    label_cell    VARCHAR,               -- A1 address of the label
    raw_text      VARCHAR,               -- the value as written
    metric        VARCHAR,               -- canonical code; NULL when the label matched none
    channel       VARCHAR,               -- 农技协 | 科技小院 | 科普教育基地 | NULL
    value         DOUBLE,                -- NULL: no value (无, —, empty) or not usable
    approximate   BOOLEAN NOT NULL,      -- 约 / 余 / 多
    role          VARCHAR NOT NULL       -- value | total | unmapped | rejected
);

-- Contact fields found in submissions: personal data, never shown unmasked.
CREATE TABLE submission_contacts (
    submission_id VARCHAR NOT NULL,
    source_file   VARCHAR NOT NULL,
    sheet         VARCHAR,
    cell          VARCHAR,
    field         VARCHAR NOT NULL,      -- contact_name | phone | address | email
    value         VARCHAR
);

-- Every problem met while reading: a file that could not be read is one error row.
CREATE TABLE load_issues (
    source_file VARCHAR NOT NULL,        -- relative to the submissions or notices folder
    sheet       VARCHAR,
    cell        VARCHAR,
    severity    VARCHAR NOT NULL,        -- error | warning
    code        VARCHAR NOT NULL,        -- see data/reference/issue_codes.yaml
    message     VARCHAR NOT NULL,        -- 中文
    message_en  VARCHAR NOT NULL,
    year        INTEGER,
    kind        VARCHAR NOT NULL         -- submission | notice
);

-- Deadlines the secretariat entered where no notice gives one (data/reference/deadlines.yaml, read by
-- etl/pipeline/deadlines.py): per year and channel, optionally per province.
CREATE TABLE entered_deadlines (
    year             INTEGER NOT NULL,
    reporting_system VARCHAR NOT NULL,   -- 科协 | 农技协
    province         VARCHAR,            -- full name; NULL: every unit of the channel
    province_code    VARCHAR,
    deadline         DATE NOT NULL,
    entered_by       VARCHAR,            -- who entered it (a name or a role, as typed)
    entered_on       DATE,
    note             VARCHAR             -- where the date comes from (a phone call, a meeting …)
);

-- Notices (see etl/notices/parse.py): one row per notice document.
CREATE TABLE notices (
    notice_id       VARCHAR PRIMARY KEY, -- the file name without extension
    year            INTEGER,
    edition         INTEGER,             -- 第N个“全国科技工作者日”
    title           VARCHAR,
    issuer          VARCHAR,             -- issuing bodies joined with '、'
    level           VARCHAR,             -- national | national_association | province | city | county | unit
    region          VARCHAR,             -- full region name (a unit's: its province), NULL for national or unknown
    region_code     VARCHAR,
    reporting_system VARCHAR,            -- 科协 | 农技协: the channel whose reports it asks for
    doc_number      VARCHAR,             -- the notice's own 文号, NULL when none
    theme           VARCHAR,
    period_text     VARCHAR,
    period_start    DATE,
    period_end      DATE,
    report_deadline DATE,                -- deadline for the summary/report
    issued_on       DATE,
    source_file     VARCHAR NOT NULL,
    full_text       VARCHAR              -- the text with contact lines removed
);

CREATE TABLE notice_issuers (
    notice_id VARCHAR NOT NULL,
    seq       INTEGER NOT NULL,
    issuer    VARCHAR NOT NULL
);

CREATE TABLE notice_activities (
    notice_id VARCHAR NOT NULL,
    seq       INTEGER NOT NULL,          -- order in the notice (1 for the first （一）), across sections
    item_no   INTEGER,                   -- the item's number in its section: 2 for （二）
    section   VARCHAR,                   -- 主要活动 | 基本架构 | 阶段性安排 ...
    heading   VARCHAR,
    body      VARCHAR,
    category  VARCHAR NOT NULL,          -- code from data/reference/activity_categories.yaml
    category_zh VARCHAR                  -- its Chinese name (学习宣传贯彻（思想引领） …)
);

CREATE TABLE notice_deadlines (
    notice_id  VARCHAR NOT NULL,
    seq        INTEGER,                  -- order in the notice
    due_date   DATE,
    due_text   VARCHAR NOT NULL,         -- as written, e.g. 6月底前
    what       VARCHAR,                  -- what is due
    is_report  BOOLEAN NOT NULL          -- the summary/report deadline
);

CREATE TABLE notice_attachments (
    notice_id VARCHAR NOT NULL,
    seq       INTEGER NOT NULL,
    title     VARCHAR NOT NULL,
    is_form   BOOLEAN NOT NULL
);

CREATE TABLE notice_form_fields (
    notice_id      VARCHAR NOT NULL,
    attachment_seq INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    field_label    VARCHAR NOT NULL,
    metric         VARCHAR,              -- canonical metric code when the field is a metric
    channel        VARCHAR
);

-- Personal data: never joined into anything the dashboard shows by default.
CREATE TABLE notice_contacts (
    notice_id VARCHAR NOT NULL,
    org       VARCHAR,
    name      VARCHAR,
    phone     VARCHAR,
    fax       VARCHAR,
    email     VARCHAR,
    address   VARCHAR,
    personal  BOOLEAN NOT NULL DEFAULT TRUE
);

-- Activities behind the numbers (etl/forms/activities.py). Organization columns are the submission's
-- (matched like the summary forms); join submissions on submission_id for status = 'loaded'.
-- 优秀活动推荐表 (seed 000, 附件2): one row per recommended activity (up to 3 per form).
CREATE TABLE recommended_activities (
    submission_id    VARCHAR NOT NULL,
    source_file      VARCHAR NOT NULL,
    sheet            VARCHAR NOT NULL,   -- sheet name, or 表N for the N-th table of a Word document
    cell             VARCHAR NOT NULL,   -- A1 address of the activity's name
    year             INTEGER,
    org_name         VARCHAR,            -- the recommending unit (推荐单位)
    org_level        VARCHAR,
    reporting_system VARCHAR,
    province         VARCHAR,
    seq              INTEGER NOT NULL,   -- 序号 / 活动N
    activity_name    VARCHAR,
    organizer        VARCHAR,            -- 举办单位
    reason           VARCHAR,            -- 推荐理由, kept whole even when over the limit
    reason_sheet     VARCHAR,
    reason_cell      VARCHAR,
    reason_length    INTEGER NOT NULL,   -- characters without whitespace
    reason_too_long  BOOLEAN NOT NULL    -- more than the form's 300 字
);

-- 2021 特色亮点活动筹备方案 (seed 004): one row per plan form (一项一表).
CREATE TABLE planned_activities (
    submission_id    VARCHAR NOT NULL,
    source_file      VARCHAR NOT NULL,
    sheet            VARCHAR NOT NULL,
    cell             VARCHAR NOT NULL,   -- A1 address of 主题活动名称's value
    year             INTEGER,
    org_name         VARCHAR,
    org_level        VARCHAR,
    reporting_system VARCHAR,
    province         VARCHAR,
    activity_name    VARCHAR,
    organizer        VARCHAR,            -- 主办单位名称 as written
    undertaker       VARCHAR,            -- 承办单位名称
    modules          VARCHAR,            -- ticked modules joined with '、', in the form's order
    planned_time     VARCHAR,            -- as written (拟举办时间)
    planned_place    VARCHAR,
    target_groups    VARCHAR,            -- ticked groups joined with '、'
    planned_scale    VARCHAR             -- as written (预计活动规模)
);

-- One row per build.
CREATE TABLE etl_runs (
    built_at          TIMESTAMP NOT NULL,
    submissions_dir   VARCHAR,
    notices_dir       VARCHAR,
    etl_version       VARCHAR,
    files_read        INTEGER,
    files_loaded      INTEGER,
    files_duplicate   INTEGER,
    files_rejected    INTEGER,
    values_used       INTEGER,
    issues_error      INTEGER,
    issues_warning    INTEGER,
    notices_read      INTEGER,
    is_demo           BOOLEAN,           -- any submission written by the demo generator
    inputs_sha256     VARCHAR,           -- hash over every input file's hash
    code_sha256       VARCHAR,           -- the ETL code and reference data it was built with (cache.code_fingerprint)
    notices_sha256    VARCHAR            -- the notice files by name and bytes
);

-- The values used: from loaded summary forms, not totals, not rejected, not empty.
CREATE VIEW metric_values AS
SELECT s.year, s.org_name, s.org_level, s.reporting_system,
       s.province, s.city, s.county, s.province_code, s.city_code, s.county_code,
       v.metric, v.channel, v.value, v.approximate,
       v.source_file, v.sheet, v.cell, v.label, v.submission_id
FROM cell_values v
JOIN submissions s USING (submission_id)
WHERE s.status = 'loaded' AND v.role = 'value' AND v.value IS NOT NULL AND v.metric IS NOT NULL;

-- One figure per province, year, channel and metric, never double counted:
-- a province's own report when it exists; otherwise, per city, the city's report when it
-- exists, else the sum of that city's counties (districts of 直辖市 sum directly).
-- National bodies and units (universities, societies, enterprises) are never included.
CREATE VIEW province_metrics AS
WITH per_sub AS (
    SELECT year, reporting_system, province, province_code, city_code, org_level, metric,
           SUM(value) AS value,                     -- summed over channel
           bool_or(approximate) AS approximate      -- any 约/余/近 figure in it
    FROM metric_values
    WHERE org_level IN ('province', 'city', 'county') AND province IS NOT NULL
    GROUP BY ALL
),
has_province AS (
    SELECT DISTINCT year, reporting_system, province FROM submissions
    WHERE status = 'loaded' AND form = 'summary' AND org_level = 'province'
),
has_city AS (
    SELECT DISTINCT year, reporting_system, city_code FROM submissions
    WHERE status = 'loaded' AND form = 'summary' AND org_level = 'city'
),
chosen AS (
    SELECT p.* FROM per_sub p
    WHERE p.org_level = 'province'
    UNION ALL
    SELECT p.* FROM per_sub p
    WHERE p.org_level = 'city'
      AND NOT EXISTS (SELECT 1 FROM has_province h
                      WHERE h.year = p.year AND h.reporting_system = p.reporting_system AND h.province = p.province)
    UNION ALL
    SELECT p.* FROM per_sub p
    WHERE p.org_level = 'county'
      AND NOT EXISTS (SELECT 1 FROM has_province h
                      WHERE h.year = p.year AND h.reporting_system = p.reporting_system AND h.province = p.province)
      AND NOT EXISTS (SELECT 1 FROM has_city c
                      WHERE c.year = p.year AND c.reporting_system = p.reporting_system AND c.city_code = p.city_code)
)
SELECT year, reporting_system, province, any_value(province_code) AS province_code, metric,
       SUM(value) AS value,
       CASE WHEN bool_or(org_level = 'province') THEN 'province' ELSE 'sum_of_cities_counties' END AS basis,
       -- an approximate figure (约, 余, 近) went into it: marked wherever the figure is shown
       bool_or(approximate) AS approximate
FROM chosen
GROUP BY year, reporting_system, province, metric;

-- Each submission's reporting deadline, from the applicable notice: same year and channel
-- (notices.reporting_system), issued for the nearest region above the unit. A county reports to its
-- city's notice, else its province's (a 重庆 district to 重庆市's); a city to its province's; a
-- province, national body or unit to the national notice of its channel. Nearest wins; among equals,
-- one that gives a deadline, then the latest issued. Where no applicable notice gives a date, the
-- secretariat's entered deadline (entered_deadlines: the unit's province's, else the channel's) applies;
-- deadline_source says which ('notice' | 'entered' | NULL). Nobody said: report_deadline is NULL and
-- timeliness says 'deadline_unknown' (never guessed from another year). days_late: whole days after the
-- deadline (0 when on time). The submission time is modified_at (workbook property, else file mtime:
-- modified_source says which).
CREATE VIEW submission_deadlines AS
WITH candidates AS (
    SELECT s.submission_id, n.notice_id, n.report_deadline, n.issued_on, n.level AS notice_level,
           n.region AS notice_region,
           CASE WHEN n.region_code IS NULL THEN 0
                WHEN n.region_code = s.province_code THEN 1
                ELSE 2 END AS nearness
    FROM submissions s
    JOIN notices n ON n.year = s.year AND n.reporting_system = s.reporting_system
    WHERE (n.region_code IS NULL AND n.level IN ('national', 'national_association'))
       OR (n.level IN ('province', 'city', 'county')  -- a unit's notice (a university's) sets no one's deadline
           AND ((s.org_level = 'county' AND n.region_code IN (s.province_code, s.city_code))
             OR (s.org_level = 'city' AND n.region_code = s.province_code)))
),
best AS (
    SELECT * FROM candidates c
    QUALIFY row_number() OVER (PARTITION BY submission_id
        ORDER BY nearness DESC, report_deadline IS NULL, issued_on DESC NULLS LAST, notice_id) = 1
),
entered AS (
    SELECT s.submission_id, e.deadline, e.entered_by, e.entered_on, e.note
    FROM submissions s
    JOIN entered_deadlines e ON e.year = s.year AND e.reporting_system = s.reporting_system
     AND (e.province_code IS NULL OR e.province_code = s.province_code)
    QUALIFY row_number() OVER (PARTITION BY s.submission_id ORDER BY e.province_code IS NULL) = 1
),
dated AS (
    SELECT s.*, b.notice_id, b.notice_level, b.notice_region,
           COALESCE(b.report_deadline, e.deadline) AS deadline,
           CASE WHEN b.report_deadline IS NOT NULL THEN 'notice'
                WHEN e.deadline IS NOT NULL THEN 'entered' END AS deadline_source,
           e.entered_by, e.entered_on, e.note AS entered_note
    FROM submissions s
    LEFT JOIN best b USING (submission_id)
    LEFT JOIN entered e USING (submission_id)
)
SELECT submission_id, year, reporting_system, org_name, org_level, province, province_code,
       city, county, status, source_file,
       modified_at AS submitted_at, modified_source AS submitted_source,
       notice_id, notice_level, notice_region, deadline AS report_deadline,
       deadline_source, entered_by, entered_on, entered_note,
       CASE WHEN deadline IS NULL THEN 'deadline_unknown'
            WHEN modified_at IS NULL THEN 'time_unknown'
            WHEN CAST(modified_at AS DATE) <= deadline THEN 'on_time'
            ELSE 'late' END AS timeliness,
       CASE WHEN deadline IS NOT NULL AND modified_at IS NOT NULL
            THEN greatest(date_diff('day', deadline, CAST(modified_at AS DATE)), 0) END AS days_late
FROM dated;
