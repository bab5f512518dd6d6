{#-
    MetricFlow's time spine: one row per calendar day from the date of var
    mta_min_valid_timestamp (no event before it survives staging) to
    2099-12-31. MetricFlow reads it for cumulative metrics, offsets and
    `fill_nulls_with` / `join_to_timespine`; the project's yml declares it
    with the `time_spine` property (standard granularity: date_day).

    Portable SQL: 10^5 day offsets from five cross-joined digit relations,
    added to the start date with dbt.dateadd.
-#}
{%- set start_date = (mta.setting('mta_min_valid_timestamp') | string)[:10] -%}

with

digits as (
    {%- for digit in range(10) %}
    select {{ digit }} as digit
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

day_offsets as (
    select
        ones.digit
        + 10 * tens.digit
        + 100 * hundreds.digit
        + 1000 * thousands.digit
        + 10000 * ten_thousands.digit as day_offset
    from digits as ones
    cross join digits as tens
    cross join digits as hundreds
    cross join digits as thousands
    cross join digits as ten_thousands
),

days as (
    select
        cast(
            {{ dbt.dateadd('day', 'day_offset', "cast('" ~ start_date ~ "' as date)") }}
            as date
        ) as date_day
    from day_offsets
),

final as (
    select date_day
    from days
    where date_day <= cast('2099-12-31' as date)
)

select * from final
