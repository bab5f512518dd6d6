{#- Built set-based over all journeys, for every order in markov_orders(). -#}
{%- set orders = mta.markov_orders() -%}
{%- set max_order = orders | max -%}

with paths as (

    select * from {{ ref('int_data_driven_paths') }}

),

markov_orders as (

    {%- for k in orders %}
    select {{ k }} as markov_order
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}

),

touch_windows as (

    -- the channel of each touch and of the k - 1 touches before it, uncollapsed
    select
        journey_id,
        touch_position,
        conversions,
        non_conversions,
        {%- for i in range(1, max_order) %}
        lag(channel, {{ i }}) over (partition by journey_id order by touch_position) as channel_lag_{{ i }},
        {%- endfor %}
        channel as channel_lag_0
    from paths

),

touch_states as (

    select
        touch_windows.journey_id,
        touch_windows.touch_position,
        touch_windows.conversions,
        touch_windows.non_conversions,
        markov_orders.markov_order,
        -- the last k channels of the path, oldest first (fewer at its start)
        case
            {%- for k in range(1, max_order + 1) %}
            {%- if not loop.last %}
            when markov_orders.markov_order = {{ k }} or touch_windows.channel_lag_{{ k }} is null
                then {{ mta.markov_state_expression('touch_windows.channel_lag_', k) }}
            {%- else %}
            else {{ mta.markov_state_expression('touch_windows.channel_lag_', k) }}
            {%- endif %}
            {%- endfor %}
        end as state
    from touch_windows
    cross join markov_orders

),

touch_states_with_previous as (

    select
        *,
        lag(state) over (partition by journey_id, markov_order order by touch_position) as previous_touch_state
    from touch_states

),

collapsed_steps as (

    -- consecutive repeats of a state are one step
    select
        journey_id,
        markov_order,
        conversions,
        non_conversions,
        state,
        row_number() over (partition by journey_id, markov_order order by touch_position) as step_number,
        count(*) over (partition by journey_id, markov_order) as step_count
    from touch_states_with_previous
    where previous_touch_state is null or previous_touch_state <> state

),

journey_state_steps as (

    select
        journey_id,
        markov_order,
        step_number,
        step_count,
        conversions,
        non_conversions,
        state,
        lag(state) over (partition by journey_id, markov_order order by step_number) as previous_state
    from collapsed_steps

),

state_transitions as (

    select
        markov_order,
        '(start)' as from_state,
        state as to_state,
        conversions + non_conversions as transition_weight
    from journey_state_steps
    where step_number = 1

    union all

    select
        markov_order,
        previous_state as from_state,
        state as to_state,
        conversions + non_conversions as transition_weight
    from journey_state_steps
    where step_number > 1

    union all

    select
        markov_order,
        state as from_state,
        '(conversion)' as to_state,
        conversions as transition_weight
    from journey_state_steps
    where step_number = step_count

    union all

    select
        markov_order,
        state as from_state,
        '(null)' as to_state,
        non_conversions as transition_weight
    from journey_state_steps
    where step_number = step_count

),

transition_weights as (

    select
        markov_order,
        from_state,
        to_state,
        sum(transition_weight) as transition_weight
    from state_transitions
    where transition_weight > 0
    group by
        markov_order,
        from_state,
        to_state

),

final as (

    select
        markov_order,
        from_state,
        to_state,
        transition_weight,
        transition_weight / sum(transition_weight) over (
            partition by markov_order, from_state
        ) as transition_probability
    from transition_weights

)

select * from final
