{#- rpt_assisted_conversion_totals at the channel grain. See _attribution_reports__models.yml. -#}

with

assisted_totals as (
    select * from {{ ref('rpt_assisted_conversion_totals') }}
),

final as (
    select
        channel,
        touched_conversions,
        path_touches,
        first_touch_conversions,
        last_touch_conversions,
        assisted_conversions,
        last_touch_revenue,
        assisted_revenue,
        assist_to_last_touch_ratio,
        assisted_share,
        is_assist_only
    from assisted_totals
    where grain = 'channel'
)

select * from final
