{#-
    Classifies each example row's page and referrer URLs with the same macros
    and the same vocabulary views as stg_web__events (the stg_reference__
    models read the seeds through seed_ref, so a project's replaced
    vocabulary is the one checked), and returns every row whose
    channel, normalized utm_source or utm_medium differs from the expected
    values (null expected = null). The query of the singular test
    tests/data_tests/assert_channel_examples_classify_as_expected.sql: a
    test of this package, so that it reads the vocabulary with the package's
    vars wherever it is installed.
-#}
{% macro channel_example_mismatches(examples_relation, page_url_column='page_url', referrer_url_column='referrer_url') %}

with

vocab_source_aliases as (
    select * from {{ ref('stg_reference__utm_source_aliases') }}
),

vocab_medium_aliases as (
    select * from {{ ref('stg_reference__utm_medium_aliases') }}
),

vocab_source_categories as (
    select * from {{ ref('stg_reference__source_categories') }}
),

vocab_referrer_domains as (
    select * from {{ ref('stg_reference__referrer_domains') }}
),

vocab_click_id_params as (
    select * from {{ ref('stg_reference__click_id_params') }}
),

vocab_channel_rules as (
    select * from {{ ref('stg_reference__channel_rules') }}
),

examples as (
    select * from {{ examples_relation }}
),

{{ mta.classify_channel_ctes('examples', 'examples_classified', page_url_column, referrer_url_column) }}

select
    example_id,
    page_url,
    referrer_url,
    expected_channel,
    channel,
    expected_utm_source,
    utm_source,
    expected_utm_medium,
    utm_medium
from examples_classified
where
    channel <> expected_channel
    or coalesce(utm_source, '~') <> coalesce(expected_utm_source, '~')
    or coalesce(utm_medium, '~') <> coalesce(expected_utm_medium, '~')

{% endmacro %}
