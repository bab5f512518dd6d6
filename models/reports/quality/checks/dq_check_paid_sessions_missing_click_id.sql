{#-
    The share of paid web sessions without a click id per day. One row per check
    and date. See _quality_checks__models.yml.
-#}
{%- set paid_list = "'" ~ (mta.paid_channel_names() | join("', '")) ~ "'" -%}

with

sessions as (
    select * from {{ ref('int_web_sessions_sessionized') }}
),

check_paid_sessions_missing_click_id as (
    select
        'paid_sessions_missing_click_id' as check_name,
        cast(sessions.session_started_at as date) as check_date,
        sum(case when sessions.click_id is null then 1 else 0 end) * 1.0 / count(*) as check_value,
        cast(sum(case when sessions.click_id is null then 1 else 0 end) as {{ dbt.type_string() }})
        || ' of ' || cast(count(*) as {{ dbt.type_string() }}) || ' paid sessions without a click id' as details
    from sessions
    where
        sessions.channel in (
            {{ paid_list }}
        )
    group by cast(sessions.session_started_at as date)
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_paid_sessions_missing_click_id
)

select * from final
