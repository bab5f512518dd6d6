-- Campaigns that assist but never close: in the path of observed conversions,
-- never holding the last touch. Last-touch reporting shows them as worthless;
-- the assisted revenue says what cutting them may cost.
with

assisted as (
    select * from {{ ref('rpt_assisted_conversions_by_campaign') }}
),

final as (
    select
        channel,
        campaign,
        assisted_conversions,
        assisted_revenue,
        first_touch_conversions,
        touched_conversions
    from assisted
    where is_assist_only
)

select * from final
order by assisted_revenue desc, assisted_conversions desc
