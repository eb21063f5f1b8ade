-- 001: the warehouse tables of data-contract §2.
-- Keys are enforced by the post-load data checks (etl/checks.py) rather than by DuckDB indexes:
-- an ART index on 10M+ text keys costs memory and slows the bulk merges, and the loader is the
-- only writer.

CREATE TABLE IF NOT EXISTS provinces (
    province_code  VARCHAR NOT NULL,   -- 2-digit code, e.g. '01'
    province_name  VARCHAR NOT NULL,   -- 'Thành phố Hà Nội'
    province_short VARCHAR NOT NULL,   -- 'Hà Nội'
    lat DOUBLE,
    lon DOUBLE
);

CREATE TABLE IF NOT EXISTS wards (
    ward_code     VARCHAR NOT NULL,    -- 5-digit national code (vietnam-provinces, authoritative)
    ward_name     VARCHAR NOT NULL,    -- 'Phường Cửa Nam'
    ward_short    VARCHAR NOT NULL,    -- 'Cửa Nam'
    ward_type     VARCHAR NOT NULL,    -- 'phường' | 'xã' | 'đặc khu'
    province_code VARCHAR NOT NULL,
    province_name VARCHAR NOT NULL,
    lat DOUBLE,
    lon DOUBLE,
    area_km2 DOUBLE,
    alt_code VARCHAR                   -- vietnamadminunits' code where it disagrees, else NULL
);

-- Every normalised name a current ward may be written as, within its province.
CREATE TABLE IF NOT EXISTS ward_names (
    province_code VARCHAR NOT NULL,
    name_key      VARCHAR NOT NULL,    -- etl.normalize.name_key of a full name, short name or alias
    ward_code     VARCHAR NOT NULL
);

-- Pre-July-2025 wards (63-province map) to today's wards.
CREATE TABLE IF NOT EXISTS ward_crosswalk (
    old_province_name VARCHAR NOT NULL,
    old_district_name VARCHAR NOT NULL,
    old_ward_name     VARCHAR NOT NULL,
    old_ward_code     VARCHAR,
    old_province_key  VARCHAR NOT NULL,  -- name_key of the short names, for matching
    old_district_key  VARCHAR NOT NULL,
    old_ward_key      VARCHAR NOT NULL,
    province_code     VARCHAR NOT NULL,  -- the new province
    ward_code         VARCHAR NOT NULL,  -- the new ward
    is_default        BOOLEAN NOT NULL   -- the ward an old one maps to when it was split
);

CREATE TABLE IF NOT EXISTS dossiers (
    dossier_id           VARCHAR NOT NULL,
    ward_code            VARCHAR NOT NULL,
    ward_name_source     VARCHAR,        -- the ward as the file named it (old names kept)
    district_name_source VARCHAR,
    procedure_code       VARCHAR,
    procedure_name       VARCHAR,
    field                VARCHAR NOT NULL,
    channel              VARCHAR NOT NULL,   -- direct | online | postal
    online_level         VARCHAR,            -- full | partial | none
    received_at          TIMESTAMP NOT NULL,
    submitted_at         TIMESTAMP,
    due_at               TIMESTAMP,
    ended_at             TIMESTAMP,
    returned_at          TIMESTAMP,
    status               VARCHAR NOT NULL,   -- data-contract §1.5 canonical names
    supplement_count     INTEGER,
    paused_days          DOUBLE,
    interagency          BOOLEAN,
    digitized            BOOLEAN,
    e_result             BOOLEAN,
    reused_data          BOOLEAN,
    has_fee              BOOLEAN,
    paid_online          BOOLEAN,
    no_wait              BOOLEAN,
    applicant_type       VARCHAR,            -- citizen | organization
    row_hash             UBIGINT NOT NULL,   -- content hash: same hash = unchanged on reload
    run_id               INTEGER NOT NULL,
    source_row           INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS ratings (
    rating_id      VARCHAR NOT NULL,
    dossier_id     VARCHAR,
    ward_code      VARCHAR NOT NULL,
    ward_name_source VARCHAR,
    rated_at       TIMESTAMP NOT NULL,
    rating         TINYINT NOT NULL,
    access         TINYINT,
    "procedure"    TINYINT,
    staff          TINYINT,
    "result"       TINYINT,
    feedback       TINYINT,
    rating_channel VARCHAR,
    comment        VARCHAR,            -- masked: phones, ID numbers and emails replaced
    row_hash       UBIGINT NOT NULL,
    run_id         INTEGER NOT NULL,
    source_row     INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS petitions (
    petition_id  VARCHAR NOT NULL,
    ward_code    VARCHAR NOT NULL,
    ward_name_source VARCHAR,
    received_at  TIMESTAMP NOT NULL,
    due_at       TIMESTAMP,
    handled_at   TIMESTAMP,
    category     VARCHAR NOT NULL,     -- procedure | staff | other
    unsatisfied  BOOLEAN,
    dossier_id   VARCHAR,
    row_hash     UBIGINT NOT NULL,
    run_id       INTEGER NOT NULL,
    source_row   INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS procedures (
    procedure_code          VARCHAR NOT NULL,
    procedure_name          VARCHAR,
    field                   VARCHAR,
    time_limit_working_days DOUBLE,
    online_level            VARCHAR,
    has_fee                 BOOLEAN,
    paper_result            BOOLEAN,
    row_hash                UBIGINT NOT NULL,
    run_id                  INTEGER NOT NULL,
    source_row              INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS etl_runs (
    run_id          INTEGER NOT NULL,
    batch_id        VARCHAR NOT NULL,  -- one `python -m etl load` invocation: lands whole or not at all
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    source          VARCHAR NOT NULL,
    sha256          VARCHAR,
    kind            VARCHAR,
    rows_read       BIGINT,
    rows_inserted   BIGINT,
    rows_updated    BIGINT,
    rows_unchanged  BIGINT,
    rows_rejected   BIGINT,
    status          VARCHAR NOT NULL,  -- ok | refused | skipped
    message         VARCHAR,
    dropped_columns VARCHAR[],         -- personal-data columns dropped at read time
    unknown_columns VARCHAR[]
);

CREATE TABLE IF NOT EXISTS etl_rejects (
    run_id     INTEGER NOT NULL,
    source     VARCHAR NOT NULL,
    row_number INTEGER NOT NULL,       -- line in the file / row in the sheet (header = 1)
    "column"   VARCHAR,
    value      VARCHAR,
    reason     VARCHAR NOT NULL
);

-- Small key/value facts: data_version (bumped by every landed load), refdata versions.
CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR NOT NULL,
    value VARCHAR
);
