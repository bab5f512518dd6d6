{#-
    One pass: each touch gets its five credits as columns, then a cross join with
    the five model names turns them into rows. The models see only the touches
    the path transform keeps, numbered again, each with its own time.
-#}
{%- set half_life_days = mta.setting('mta_time_decay_half_life_days') -%}
{%- set first_weight = mta.setting('mta_position_based_first_weight') -%}
{%- set last_weight = mta.setting('mta_position_based_last_weight') -%}
{%- set path_transform = mta.path_transform() -%}
{%- if half_life_days is none or half_life_days | float <= 0 -%}
    {{ exceptions.raise_compiler_error("mta_time_decay_half_life_days must be a positive number, got " ~ half_life_days) }}
{%- endif -%}
{%- if first_weight | float < 0 or last_weight | float < 0 or first_weight | float + last_weight | float > 1 -%}
    {{ exceptions.raise_compiler_error("mta_position_based_first_weight and mta_position_based_last_weight must be >= 0 and sum to at most 1, got " ~ first_weight ~ " and " ~ last_weight) }}
{%- endif -%}

with

conversion_paths as (
    select * from {{ ref('int_conversion_paths') }}
),

rule_based_models as (
    {{ mta.literal_name_relation(mta.rule_based_model_names(), 'attribution_model', 'model_order') }}
),

-- exposure: a touch starts a run when the touch before it has another channel
touch_runs as (
    select
        conversion_id,
        touchpoint_id,
        channel,
        touched_at,
        touch_position,
        lag(channel) over (partition by conversion_id order by touch_position) as previous_channel,
        row_number() over (partition by conversion_id, channel order by touch_position) as channel_occurrence
    from conversion_paths
),

transform_flags as (
    select
        conversion_id,
        touchpoint_id,
        touched_at,
        touch_position,
        {%- if path_transform == 'exposure' %}
        previous_channel is null or previous_channel <> channel as is_kept
        {%- elif path_transform == 'unique' %}
        channel_occurrence = 1 as is_kept
        {%- else %}
        true as is_kept
        {%- endif %}
    from touch_runs
),

transformed_paths as (
    select
        conversion_id,
        touchpoint_id,
        touched_at,
        row_number() over (partition by conversion_id order by touch_position) as touch_position,
        count(*) over (partition by conversion_id) as path_length
    from transform_flags
    where is_kept
),

touch_ages as (
    -- Decay is measured from the path's latest touch: 2^(-(T - t_i)/h)
    -- differs from 2^(-(t_n - t_i)/h) by the same factor for every touch of
    -- the conversion, which the normalization cancels, and the latest touch
    -- keeps weight 1 so the sum never underflows to 0.
    select
        conversion_id,
        touchpoint_id,
        touch_position,
        path_length,
        {{ mta.seconds_between('touched_at', 'max(touched_at) over (partition by conversion_id)') }}
        / ({{ half_life_days }} * 86400.0) as half_lives_before_last_touch
    from transformed_paths
),

touch_weights as (
    select
        conversion_id,
        touchpoint_id,
        touch_position,
        path_length,
        power(2.0, -1.0 * half_lives_before_last_touch) as time_decay_weight
    from touch_ages
),

touch_credits as (
    select
        conversion_id,
        touchpoint_id,
        cast(case when touch_position = 1 then 1 else 0 end as {{ mta.double_type() }}) as first_touch_credit,
        cast(case when touch_position = path_length then 1 else 0 end as {{ mta.double_type() }}) as last_touch_credit,
        cast(1.0 / path_length as {{ mta.double_type() }}) as linear_credit,
        cast(
            time_decay_weight / sum(time_decay_weight) over (partition by conversion_id)
            as {{ mta.double_type() }}
        ) as time_decay_credit,
        cast(
            case
                when path_length = 1 then 1.0
                when path_length = 2 then 0.5
                when touch_position = 1 then {{ first_weight }}
                when touch_position = path_length then {{ last_weight }}
                else (1.0 - {{ first_weight }} - {{ last_weight }}) / (path_length - 2)
            end
            as {{ mta.double_type() }}
        ) as position_based_credit
    from touch_weights
),

-- every touch of the path, with 0 for the touches the transform dropped
path_credits as (
    select
        transform_flags.conversion_id,
        transform_flags.touchpoint_id,
        coalesce(touch_credits.first_touch_credit, 0) as first_touch_credit,
        coalesce(touch_credits.last_touch_credit, 0) as last_touch_credit,
        coalesce(touch_credits.linear_credit, 0) as linear_credit,
        coalesce(touch_credits.time_decay_credit, 0) as time_decay_credit,
        coalesce(touch_credits.position_based_credit, 0) as position_based_credit
    from transform_flags
    left join touch_credits
        on
            transform_flags.conversion_id = touch_credits.conversion_id
            and transform_flags.touchpoint_id = touch_credits.touchpoint_id
),

final as (
    select
        path_credits.conversion_id,
        path_credits.touchpoint_id,
        rule_based_models.attribution_model,
        cast('{{ path_transform }}' as {{ dbt.type_string() }}) as path_transform,
        cast(
            case rule_based_models.attribution_model
                when 'first_touch' then path_credits.first_touch_credit
                when 'last_touch' then path_credits.last_touch_credit
                when 'linear' then path_credits.linear_credit
                when 'time_decay' then path_credits.time_decay_credit
                when 'position_based' then path_credits.position_based_credit
            end as {{ mta.double_type() }}
        ) as credit
    from path_credits
    cross join rule_based_models
)

select * from final
