{#-
    ISO week x channel x model x conversion type: attributed conversions,
    revenue and spend, the previous week's values and the change. Each
    conversion type is reviewed on its own (spend repeats on every type's
    rows, as in rpt_channel_performance). Every (channel, model, type) gets
    every week present in rpt_channel_performance, so a week without
    activity shows 0 and the previous week is always the calendar week before.
-#}
with

channel_performance as (
    select * from {{ ref('rpt_channel_performance') }}
),

weekly as (
    select
        {{ mta.week_start('report_date') }} as week_start,
        channel,
        attribution_model,
        conversion_type,
        sum(attributed_conversions) as attributed_conversions,
        sum(attributed_revenue) as attributed_revenue,
        sum(spend) as spend
    from channel_performance
    group by 1, 2, 3, 4
),

weeks as (
    select distinct week_start from weekly
),

channel_models as (
    select distinct
        channel,
        attribution_model,
        conversion_type
    from weekly
),

spine as (
    select
        weeks.week_start,
        channel_models.channel,
        channel_models.attribution_model,
        channel_models.conversion_type
    from weeks
    cross join channel_models
),

filled as (
    select
        spine.week_start,
        spine.channel,
        spine.attribution_model,
        spine.conversion_type,
        coalesce(weekly.attributed_conversions, 0) as attributed_conversions,
        coalesce(weekly.attributed_revenue, 0) as attributed_revenue,
        coalesce(weekly.spend, 0) as spend
    from spine
    left join weekly
        on
            spine.week_start = weekly.week_start
            and spine.channel = weekly.channel
            and spine.attribution_model = weekly.attribution_model
            and spine.conversion_type = weekly.conversion_type
),

with_previous as (
    select
        week_start,
        channel,
        attribution_model,
        conversion_type,
        attributed_conversions,
        attributed_revenue,
        spend,
        lag(attributed_conversions) over (
            partition by channel, attribution_model, conversion_type order by week_start
        ) as previous_attributed_conversions,
        lag(attributed_revenue) over (
            partition by channel, attribution_model, conversion_type order by week_start
        ) as previous_attributed_revenue,
        lag(spend) over (
            partition by channel, attribution_model, conversion_type order by week_start
        ) as previous_spend
    from filled
),

-- the lag is the previous calendar week only when that week is in the spine
consecutive as (
    select
        with_previous.week_start,
        with_previous.channel,
        with_previous.attribution_model,
        with_previous.conversion_type,
        with_previous.attributed_conversions,
        with_previous.attributed_revenue,
        with_previous.spend,
        cast({{ dbt.dateadd('day', -7, 'with_previous.week_start') }} as date) as previous_week_start,
        case when previous_weeks.week_start is not null then with_previous.previous_attributed_conversions end
            as previous_attributed_conversions,
        case when previous_weeks.week_start is not null then with_previous.previous_attributed_revenue end
            as previous_attributed_revenue,
        case when previous_weeks.week_start is not null then with_previous.previous_spend end as previous_spend
    from with_previous
    left join weeks as previous_weeks
        on previous_weeks.week_start = cast({{ dbt.dateadd('day', -7, 'with_previous.week_start') }} as date)
),

final as (
    select
        week_start,
        channel,
        attribution_model,
        cast(attributed_conversions as {{ mta.double_type() }}) as attributed_conversions,
        {{ mta.money("attributed_revenue") }} as attributed_revenue,
        {{ mta.money("spend") }} as spend,
        {{ mta.safe_ratio('attributed_revenue', 'spend') }} as roas,
        previous_week_start,
        cast(previous_attributed_conversions as {{ mta.double_type() }}) as previous_attributed_conversions,
        {{ mta.money("previous_attributed_revenue") }} as previous_attributed_revenue,
        {{ mta.money("previous_spend") }} as previous_spend,
        cast(attributed_conversions - previous_attributed_conversions as {{ mta.double_type() }})
            as attributed_conversions_change,
        {{ mta.money("attributed_revenue - previous_attributed_revenue") }}
            as attributed_revenue_change,
        {{ mta.money("spend - previous_spend") }} as spend_change,
        {{ mta.safe_ratio(
            'attributed_conversions - previous_attributed_conversions',
            'previous_attributed_conversions'
        ) }} as attributed_conversions_change_pct,
        {{ mta.safe_ratio('attributed_revenue - previous_attributed_revenue', 'previous_attributed_revenue') }}
            as attributed_revenue_change_pct,
        {{ mta.safe_ratio('spend - previous_spend', 'previous_spend') }} as spend_change_pct,
        cast(conversion_type as {{ dbt.type_string() }}) as conversion_type,
        {{ mta.is_primary_conversion_type('conversion_type') }} as is_primary_conversion_type
    from consecutive
)

select * from final
