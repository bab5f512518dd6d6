with

touches_unioned as (
    select * from {{ ref('int_touchpoints__ad_clicks') }}
    union all
    select * from {{ ref('int_touchpoints__message_clicks') }}
    union all
    select * from {{ ref('int_touchpoints__web_sessions') }}
),

final as (
    select
        *,
        case
            when has_click_log and has_web_session then 'ad_click+web_session'
            when has_message_click and has_web_session then 'message_click+web_session'
            else touch_type
        end as touch_sources
    from touches_unioned
)

select * from final
