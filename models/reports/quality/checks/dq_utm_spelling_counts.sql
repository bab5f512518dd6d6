{#-
    UTM source and medium values as written (still URL-encoded) beside their
    canonical value: rows per day x field x canonical value x raw spelling,
    with the canonical value's spellings and rows that day. The building block of dq_check_utm_spellings and dq_check_utm_value_entropy.
    See _quality_checks__models.yml.
-#}

with

web_events as (
    select * from {{ ref('stg_web__events') }}
),

ad_clicks as (
    select * from {{ ref('stg_ads__clicks') }}
),

message_events as (
    select * from {{ ref('stg_messaging__events') }}
),

-- UTM values as written (still URL-encoded) beside their normalized value
utm_observations as (
    {%- for relation, url, at in [
        ('web_events', 'page_url', 'occurred_at'),
        ('ad_clicks', 'landing_page_url', 'clicked_at'),
        ('message_events', 'link_url', 'occurred_at'),
    ] %}
    {%- for field in ['source', 'medium'] %}
    select
        cast({{ relation }}.{{ at }} as date) as check_date,
        '{{ field }}' as utm_field,
        {{ relation }}.utm_{{ field }} as canonical_value,
        {{ mta.url_query_param(relation ~ '.' ~ url, 'utm_' ~ field) }} as raw_value
    from {{ relation }}
    where {{ relation }}.utm_{{ field }} is not null
    {%- if not (loop.last and relation == 'message_events') %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
),

utm_spelling_counts as (
    select
        check_date,
        utm_field,
        canonical_value,
        raw_value,
        count(*) as n_rows
    from utm_observations
    where raw_value is not null
    group by
        check_date,
        utm_field,
        canonical_value,
        raw_value
),

final as (
    select
        check_date,
        utm_field,
        canonical_value,
        raw_value,
        n_rows,
        count(*) over (
            partition by check_date, utm_field, canonical_value
        ) as canonical_spellings,
        sum(n_rows) over (
            partition by check_date, utm_field, canonical_value
        ) as canonical_rows
    from utm_spelling_counts
)

select * from final
