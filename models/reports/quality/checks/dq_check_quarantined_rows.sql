{#-
    Quarantined raw rows per day, by table and reason. One row per check and
    date. See _quality_checks__models.yml.
-#}
{%- set quarantine_detail = "quarantine_key || '=' || cast(n_rows as " ~ dbt.type_string() ~ ")" -%}

with

quarantine as (
    select * from {{ ref('audit_quarantine') }}
),

quarantine_daily as (
    select
        coalesce(cast(quarantine.quarantined_at as date), {{ mta.dq_run_date() }}) as check_date,
        quarantine.table_name || ':' || quarantine.reason as quarantine_key,
        count(*) as n_rows
    from quarantine
    group by
        coalesce(cast(quarantine.quarantined_at as date), {{ mta.dq_run_date() }}),
        quarantine.table_name || ':' || quarantine.reason
),

check_quarantined_rows as (
    select
        'quarantined_rows' as check_name,
        check_date,
        cast(sum(n_rows) as {{ mta.double_type() }}) as check_value,
        {{ mta.ordered_string_agg(quarantine_detail, ', ', 'quarantine_key') }} as details
    from quarantine_daily
    group by check_date
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_quarantined_rows
)

select * from final
