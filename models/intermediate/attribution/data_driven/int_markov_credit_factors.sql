{#-
    Fitted factors rather than the raw removal effects, so that the per-touch
    credits and rpt_markov_removal_effects tell one story. Journeys that have the
    same number of touches of each channel get the same shares, so the fit runs
    over their distinct signatures.
-#}
{%- set credit_order = mta.markov_credit_order() -%}
{%- set tolerance = mta.setting('mta_markov_allocation_tolerance') | float -%}
{%- set max_iterations = mta.setting('mta_markov_allocation_max_iterations') | int -%}

with

data_driven_paths as (
    select * from {{ ref('int_data_driven_paths') }}
),

removal_effects as (
    select * from {{ ref('int_markov_removal_effects') }}
    where markov_order = {{ credit_order }}
),

journey_channels as (
    select
        journey_id,
        channel,
        count(*) as touch_count,
        max(conversions) as conversions,
        max(conversion_value) as conversion_value
    from data_driven_paths
    where conversions > 0
    group by
        journey_id,
        channel
),

journey_signatures as (
    select
        journey_id,
        max(conversions) as conversions,
        max(conversion_value) as conversion_value,
        {{ mta.ordered_string_agg(
            "channel || '=' || cast(touch_count as " ~ dbt.type_string() ~ ")", ' | ', 'channel'
        ) }} as signature_id
    from journey_channels
    group by journey_id
),

signature_channels as (
    select
        journey_signatures.signature_id,
        journey_channels.channel,
        journey_channels.touch_count,
        sum(journey_signatures.conversions) as conversions,
        sum(journey_signatures.conversion_value) as conversion_value
    from journey_channels
    inner join journey_signatures
        on journey_channels.journey_id = journey_signatures.journey_id
    group by
        journey_signatures.signature_id,
        journey_channels.channel,
        journey_channels.touch_count
),

total_conversions as (
    select sum(conversions) as total_conversions
    from journey_signatures
),

total_removal_effect as (
    select sum(removal_effect) as total_removal_effect
    from removal_effects
),

converting_channels as (
    select distinct channel
    from signature_channels
),

channel_targets as (
    select
        converting_channels.channel,
        coalesce(removal_effects.removal_effect, 0) as removal_effect,
        coalesce(removal_effects.removal_effect, 0) as starting_factor,
        total_conversions.total_conversions,
        case
            when total_removal_effect.total_removal_effect > 0
                then
                    total_conversions.total_conversions * coalesce(removal_effects.removal_effect, 0)
                    / total_removal_effect.total_removal_effect
            else 0
        end as target_conversions
    from converting_channels
    left join removal_effects
        on converting_channels.channel = removal_effects.channel
    cross join total_conversions
    cross join total_removal_effect
),

solved_factors as (
    {{ mta.solve_markov_credit_factors(
        'signature_channels', 'channel_targets', tolerance=tolerance, max_iterations=max_iterations
    ) }}
),

-- every channel's credits under the final factors, recomputed set-based
signature_weights as (
    select
        signature_channels.signature_id,
        sum(signature_channels.touch_count * solved_factors.credit_factor) as signature_weight,
        sum(signature_channels.touch_count) as signature_touches
    from signature_channels
    inner join solved_factors
        on signature_channels.channel = solved_factors.channel
    group by signature_channels.signature_id
),

signature_shares as (
    select
        signature_channels.channel,
        signature_channels.conversions,
        signature_channels.conversion_value,
        case
            when signature_weights.signature_weight > 0
                then
                    signature_channels.touch_count * solved_factors.credit_factor
                    / signature_weights.signature_weight
            else signature_channels.touch_count * 1.0 / signature_weights.signature_touches
        end as channel_share
    from signature_channels
    inner join solved_factors
        on signature_channels.channel = solved_factors.channel
    inner join signature_weights
        on signature_channels.signature_id = signature_weights.signature_id
),

allocated as (
    select
        channel,
        sum(conversions * channel_share) as allocated_conversions,
        sum(conversion_value * channel_share) as allocated_revenue
    from signature_shares
    group by channel
),

final as (
    select
        cast(channel_targets.channel as {{ dbt.type_string() }}) as channel,
        cast({{ credit_order }} as {{ dbt.type_int() }}) as markov_order,
        cast(channel_targets.removal_effect as {{ mta.double_type() }}) as removal_effect,
        cast(channel_targets.target_conversions as {{ mta.double_type() }}) as target_conversions,
        cast(solved_factors.credit_factor as {{ mta.double_type() }}) as credit_factor,
        cast(allocated.allocated_conversions as {{ mta.double_type() }}) as allocated_conversions,
        cast(
            allocated.allocated_conversions - channel_targets.target_conversions as {{ mta.double_type() }}
        ) as allocation_residual,
        abs(allocated.allocated_conversions - channel_targets.target_conversions) <= 1.0e-6 as is_exact,
        cast(allocated.allocated_revenue as {{ mta.double_type() }}) as allocated_revenue,
        cast(solved_factors.iterations as {{ dbt.type_int() }}) as iterations
    from channel_targets
    inner join solved_factors
        on channel_targets.channel = solved_factors.channel
    inner join allocated
        on channel_targets.channel = allocated.channel
)

select * from final
