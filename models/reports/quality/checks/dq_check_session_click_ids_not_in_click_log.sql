{#-
    The share of session click ids missing from the click log per day. One row
    per check and date. See _quality_checks__models.yml.
-#}

with

sessions as (
    select * from {{ ref('int_web_sessions_sessionized') }}
),

click_ids as (
    select * from {{ ref('int_click_ids_classified') }}
),

check_session_click_ids_not_in_click_log as (
    select
        'session_click_ids_not_in_click_log' as check_name,
        cast(sessions.session_started_at as date) as check_date,
        sum(case when not coalesce(click_ids.is_in_click_log, false) then 1 else 0 end) * 1.0 / count(*)
            as check_value,
        cast(sum(case when not coalesce(click_ids.is_in_click_log, false) then 1 else 0 end) as {{ dbt.type_string() }})
        || ' of ' || cast(count(*) as {{ dbt.type_string() }})
        || ' sessions with a click id missing from the click log (ad blockers, tracker gaps)' as details
    from sessions
    left join click_ids
        on sessions.click_id = click_ids.click_id
    where sessions.click_id is not null
    group by cast(sessions.session_started_at as date)
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_session_click_ids_not_in_click_log
)

select * from final
