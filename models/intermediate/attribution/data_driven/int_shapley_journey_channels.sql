with paths as (

    select * from {{ ref('int_data_driven_paths') }}

),

channel_index as (

    select * from {{ ref('int_shapley_channel_index') }}

),

path_channels as (

    select distinct
        journey_id,
        channel
    from paths

),

folded_channels as (

    {{ mta.shapley_fold_channels('path_channels', 'journey_id', 'channel_index') }}

),

journey_weights as (

    select
        journey_id,
        max(conversions) as conversions,
        max(non_conversions) as non_conversions,
        max(conversion_value) as conversion_value
    from paths
    group by journey_id

),

journey_folded_channels as (

    select distinct
        journey_id,
        folded_channel
    from folded_channels

),

journey_sets as (

    select
        journey_folded_channels.journey_id,
        sum(cast(power(2, channel_index.channel_bit) as {{ dbt.type_bigint() }})) as set_mask,
        count(*) as channel_count
    from journey_folded_channels
    inner join channel_index
        on journey_folded_channels.folded_channel = channel_index.channel
    group by journey_folded_channels.journey_id

),

final as (

    select
        folded_channels.journey_id,
        folded_channels.channel,
        folded_channels.folded_channel,
        journey_sets.set_mask,
        journey_sets.channel_count,
        journey_weights.conversions,
        journey_weights.non_conversions,
        journey_weights.conversion_value
    from folded_channels
    inner join journey_sets
        on folded_channels.journey_id = journey_sets.journey_id
    inner join journey_weights
        on folded_channels.journey_id = journey_weights.journey_id

)

select * from final
