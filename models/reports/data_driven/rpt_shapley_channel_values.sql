with shapley_values as (

    select * from {{ ref('int_shapley_values') }}

),

channel_sets as (

    select * from {{ ref('int_shapley_channel_sets') }}

),

channel_credits as (

    select
        shapley_values.channel,
        count(*) as coalition_count,
        sum(channel_sets.conversions * shapley_values.shapley_share) as attributed_conversions,
        sum(channel_sets.conversion_value * shapley_values.shapley_share) as attributed_revenue
    from shapley_values
    inner join channel_sets
        on shapley_values.set_mask = channel_sets.set_mask
    group by shapley_values.channel

),

grand_totals as (

    select sum(attributed_conversions) as total_conversions
    from channel_credits

),

final as (

    select
        cast(channel_credits.channel as {{ dbt.type_string() }}) as channel,
        cast(channel_credits.attributed_conversions as {{ mta.double_type() }}) as attributed_conversions,
        {{ mta.money("channel_credits.attributed_revenue") }} as attributed_revenue,
        cast(
            case
                when grand_totals.total_conversions > 0
                    then channel_credits.attributed_conversions / grand_totals.total_conversions
                else 0
            end as {{ mta.double_type() }}
        ) as conversion_share,
        cast(channel_credits.coalition_count as {{ dbt.type_int() }}) as coalition_count
    from channel_credits
    cross join grand_totals

)

select * from final
