{#- The path is folded like the journeys (macro shapley_fold_channels) before its coalition is looked up. -#}
with conversion_paths as (

    select * from {{ ref('int_conversion_paths') }}

),

channel_index as (

    select * from {{ ref('int_shapley_channel_index') }}

),

shapley_values as (

    select * from {{ ref('int_shapley_values') }}

),

path_channels as (

    select distinct
        conversion_id,
        channel
    from conversion_paths

),

folded_channels as (

    {{ mta.shapley_fold_channels('path_channels', 'conversion_id', 'channel_index') }}

),

touch_channels as (

    select
        conversion_paths.conversion_id,
        conversion_paths.touchpoint_id,
        folded_channels.folded_channel
    from conversion_paths
    inner join folded_channels
        on
            conversion_paths.conversion_id = folded_channels.conversion_id
            and conversion_paths.channel = folded_channels.channel

),

conversion_folded_channels as (

    select distinct
        conversion_id,
        folded_channel
    from touch_channels

),

conversion_coalitions as (

    select
        conversion_folded_channels.conversion_id,
        count(*) as channel_count,
        -- null when a channel is unknown to the path input: no coalition matches
        case
            when count(channel_index.channel) = count(*)
                then sum(cast(power(2, channel_index.channel_bit) as {{ dbt.type_bigint() }}))
        end as set_mask
    from conversion_folded_channels
    left join channel_index
        on conversion_folded_channels.folded_channel = channel_index.channel
    group by conversion_folded_channels.conversion_id

),

channel_touch_counts as (

    select
        conversion_id,
        folded_channel,
        count(*) as channel_touches
    from touch_channels
    group by
        conversion_id,
        folded_channel

),

final as (

    select
        touch_channels.conversion_id,
        touch_channels.touchpoint_id,
        cast('shapley' as {{ dbt.type_string() }}) as attribution_model,
        cast(
            coalesce(shapley_values.shapley_share, 1.0 / conversion_coalitions.channel_count)
            / channel_touch_counts.channel_touches
            as {{ mta.double_type() }}
        ) as credit
    from touch_channels
    inner join conversion_coalitions
        on touch_channels.conversion_id = conversion_coalitions.conversion_id
    inner join channel_touch_counts
        on
            touch_channels.conversion_id = channel_touch_counts.conversion_id
            and touch_channels.folded_channel = channel_touch_counts.folded_channel
    left join shapley_values
        on
            conversion_coalitions.set_mask = shapley_values.set_mask
            and touch_channels.folded_channel = shapley_values.channel

)

select * from final
