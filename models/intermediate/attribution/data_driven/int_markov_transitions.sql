{#-
    Transition probabilities of the absorbing Markov chain, for every order in
    markov_orders(). Built set-based over all journeys (converting and not):
    consecutive repeats of a channel collapse into one step, the state of a step
    is the last k channels of the collapsed path (fewer at the start of the
    path), and every journey runs (start) -> states -> (conversion) or (null),
    weighted by its conversions and non-conversions.
-#}
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

touches_with_previous as (

    select
        journey_id,
        touch_position,
        channel,
        conversions,
        non_conversions,
        lag(channel) over (partition by journey_id order by touch_position) as previous_channel
    from paths

),

collapsed_steps as (

    -- consecutive repeats of a channel are one step
    select
        journey_id,
        channel,
        conversions,
        non_conversions,
        row_number() over (partition by journey_id order by touch_position) as step_number,
        count(*) over (partition by journey_id) as step_count
    from touches_with_previous
    where previous_channel is null or previous_channel <> channel

),

step_windows as (

    select
        journey_id,
        step_number,
        step_count,
        conversions,
        non_conversions,
        {%- for i in range(1, max_order) %}
        lag(channel, {{ i }}) over (partition by journey_id order by step_number) as channel_lag_{{ i }},
        {%- endfor %}
        channel as channel_lag_0
    from collapsed_steps

),

journey_states as (

    select
        step_windows.journey_id,
        step_windows.step_number,
        step_windows.step_count,
        step_windows.conversions,
        step_windows.non_conversions,
        markov_orders.markov_order,
        -- the last k channels of the collapsed path, oldest first
        case
            {%- for k in range(1, max_order + 1) %}
            {%- if not loop.last %}
            when markov_orders.markov_order = {{ k }} or step_windows.channel_lag_{{ k }} is null
                then {{ mta.markov_state_expression('step_windows.channel_lag_', k) }}
            {%- else %}
            else {{ mta.markov_state_expression('step_windows.channel_lag_', k) }}
            {%- endif %}
            {%- endfor %}
        end as state
    from step_windows
    cross join markov_orders

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
    from journey_states

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
