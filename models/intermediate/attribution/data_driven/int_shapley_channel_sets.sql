with journey_channels as (

    select * from {{ ref('int_shapley_journey_channels') }}

),

journeys as (

    select distinct
        journey_id,
        set_mask,
        channel_count,
        conversions,
        non_conversions,
        conversion_value
    from journey_channels

),

final as (

    select
        set_mask,
        max(channel_count) as channel_count,
        count(*) as journey_count,
        sum(conversions) as conversions,
        sum(non_conversions) as non_conversions,
        sum(conversion_value) as conversion_value,
        case
            when sum(conversions + non_conversions) > 0
                then sum(conversions) / sum(conversions + non_conversions)
            else 0
        end as conversion_rate
    from journeys
    group by set_mask

)

select * from final
