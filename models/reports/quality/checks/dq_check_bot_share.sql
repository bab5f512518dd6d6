{#-
    The share of raw web events quarantined as bots per day. One row per check
    and date. See _quality_checks__models.yml.
-#}

with

base_web_events as (
    select * from {{ ref('base_web__events') }}
),

check_bot_share as (
    select
        'bot_share' as check_name,
        cast(base_web_events.occurred_at as date) as check_date,
        sum(case when base_web_events.quarantine_reason = 'bot' then 1 else 0 end) * 1.0 / count(*) as check_value,
        cast(sum(case when base_web_events.quarantine_reason = 'bot' then 1 else 0 end) as {{ dbt.type_string() }})
        || ' of ' || cast(count(*) as {{ dbt.type_string() }}) || ' raw web events from bots' as details
    from base_web_events
    where base_web_events.occurred_at is not null
    group by cast(base_web_events.occurred_at as date)
),

final as (
    select
        check_name,
        check_date,
        check_value,
        details
    from check_bot_share
)

select * from final
