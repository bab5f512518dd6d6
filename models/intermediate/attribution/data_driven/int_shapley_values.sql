{#-
    Computed once per coalition, not per conversion. Subsets are enumerated
    set-based from int_shapley_subset_masks; v comes from int_shapley_channel_sets
    (0 for coalitions no journey has).
-#}
{%- set n = mta.shapley_max_channels() -%}

with channel_sets as (

    select * from {{ ref('int_shapley_channel_sets') }}

),

journey_channels as (

    select * from {{ ref('int_shapley_journey_channels') }}

),

channel_index as (

    select * from {{ ref('int_shapley_channel_index') }}

),

subset_masks as (

    select * from {{ ref('int_shapley_subset_masks') }}

),

shapley_weights as (

    {{ mta.shapley_weights(n) }}

),

converting_sets as (

    select
        set_mask,
        channel_count
    from channel_sets
    where conversions > 0

),

set_members as (

    select distinct
        journey_channels.set_mask,
        journey_channels.folded_channel as channel
    from journey_channels
    inner join converting_sets
        on journey_channels.set_mask = converting_sets.set_mask

),

set_member_positions as (

    select
        set_members.set_mask,
        set_members.channel,
        cast(power(2, channel_index.channel_bit) as {{ dbt.type_bigint() }}) as channel_flag,
        row_number() over (
            partition by set_members.set_mask
            order by channel_index.channel_bit
        ) - 1 as local_position
    from set_members
    inner join channel_index
        on set_members.channel = channel_index.channel

),

subsets as (

    -- every subset S of every converting coalition T, as a global bitmask
    select
        set_member_positions.set_mask,
        subset_masks.local_mask,
        converting_sets.channel_count,
        max(subset_masks.subset_size) as subset_size,
        sum(
            case when subset_masks.is_member then set_member_positions.channel_flag else 0 end
        ) as subset_mask
    from set_member_positions
    inner join converting_sets
        on set_member_positions.set_mask = converting_sets.set_mask
    inner join subset_masks
        on set_member_positions.local_position = subset_masks.local_position
    where subset_masks.local_mask < cast(power(2, converting_sets.channel_count) as {{ dbt.type_bigint() }})
    group by
        set_member_positions.set_mask,
        subset_masks.local_mask,
        converting_sets.channel_count

),

marginal_coalitions as (

    -- each member c of T outside S: the coalitions S and S + c
    select
        subsets.set_mask,
        set_member_positions.channel,
        subsets.channel_count,
        subsets.subset_size,
        subsets.subset_mask as coalition_without_mask,
        subsets.subset_mask + set_member_positions.channel_flag as coalition_with_mask
    from subsets
    inner join set_member_positions
        on subsets.set_mask = set_member_positions.set_mask
    inner join subset_masks
        on
            subsets.local_mask = subset_masks.local_mask
            and set_member_positions.local_position = subset_masks.local_position
    where not subset_masks.is_member

),

weighted_marginals as (

    select
        marginal_coalitions.set_mask,
        marginal_coalitions.channel,
        shapley_weights.shapley_weight * (
            coalesce(coalition_with.conversion_rate, 0) - coalesce(coalition_without.conversion_rate, 0)
        ) as weighted_marginal
    from marginal_coalitions
    inner join shapley_weights
        on
            marginal_coalitions.channel_count = shapley_weights.channel_count
            and marginal_coalitions.subset_size = shapley_weights.subset_size
    left join channel_sets as coalition_with
        on marginal_coalitions.coalition_with_mask = coalition_with.set_mask
    left join channel_sets as coalition_without
        on marginal_coalitions.coalition_without_mask = coalition_without.set_mask

),

shapley_values as (

    select
        set_mask,
        channel,
        sum(weighted_marginal) as shapley_value
    from weighted_marginals
    group by
        set_mask,
        channel

),

clipped_values as (

    select
        set_mask,
        channel,
        shapley_value,
        case when shapley_value > 0 then shapley_value else 0 end as clipped_value
    from shapley_values

),

coalition_totals as (

    select
        set_mask,
        sum(clipped_value) as clipped_total,
        count(*) as channel_count
    from clipped_values
    group by set_mask

),

final as (

    select
        clipped_values.set_mask,
        clipped_values.channel,
        coalition_totals.channel_count,
        cast(clipped_values.shapley_value as {{ mta.double_type() }}) as shapley_value,
        cast(
            case
                when coalition_totals.clipped_total > 0
                    then clipped_values.clipped_value / coalition_totals.clipped_total
                else 1.0 / coalition_totals.channel_count
            end as {{ mta.double_type() }}
        ) as shapley_share
    from clipped_values
    inner join coalition_totals
        on clipped_values.set_mask = coalition_totals.set_mask

)

select * from final
