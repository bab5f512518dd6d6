{#-
    The per-channel factors of the Markov per-touch credits, by iterative
    proportional fitting, as one SQL query (no loop in Jinja: `dbt compile`
    shows the whole computation).

    A touch's credit is b[its channel] / (sum of b over its conversion's
    touches): one factor per channel. Starting from the removal effects,
    every iteration computes each channel's total credit T(c) over the
    converting journeys and rescales b(c) by target(c) / T(c) (then divides
    every factor by the largest, which changes no credit). A journey's credit
    depends only on how many touches of each channel it has, so the iteration
    runs over `signature_channels`: one row per distinct signature x channel,
    with the channel's touches in that signature and the conversions of the
    journeys that have it. Where every factor of a signature is 0, its
    touches share linearly.

    It stops when every channel's total is within `tolerance` of its target
    (exact), or when no total moved by more than max(tolerance / 1000,
    1e-14 x total conversions) in one iteration (the totals have reached
    their limit: no exact allocation exists, or the float noise floor), or
    after `max_iterations` (a safety bound; the caller reports the residual,
    it never hides it).

    signature_channels: signature_id, channel, touch_count, conversions.
    channel_targets: channel, target_conversions, starting_factor,
      total_conversions (the same on every row); one row per channel of
      signature_channels.
    Returns a query with one row per channel: channel, credit_factor,
    iterations, max_error (of the iterate before the last), max_change.
-#}
{% macro solve_markov_credit_factors(signature_channels, channel_targets, tolerance, max_iterations) -%}
    {%- if tolerance <= 0 or max_iterations < 1 -%}
        {{ exceptions.raise_compiler_error("solve_markov_credit_factors: tolerance and max_iterations must be positive, got " ~ tolerance ~ " and " ~ max_iterations) }}
    {%- endif -%}
    {{ return(adapter.dispatch('solve_markov_credit_factors', 'mta')(signature_channels, channel_targets, tolerance, max_iterations)) }}
{%- endmacro %}


{#- DuckDB and PostgreSQL: a recursive CTE, one row per channel and iteration
    (window functions only: PostgreSQL allows no aggregate in the recursive term). -#}
{% macro default__solve_markov_credit_factors(signature_channels, channel_targets, tolerance, max_iterations) -%}
    {%- set float_type = mta.double_type() -%}
    with recursive allocation (
        iteration,
        channel,
        target_conversions,
        stall_threshold,
        credit_factor,
        attributed_conversions,
        max_error,
        max_change
    ) as (

        select
            0,
            channel,
            cast(target_conversions as {{ float_type }}),
            cast(
                case
                    when total_conversions * 1.0e-14 > {{ tolerance }} / 1000.0 then total_conversions * 1.0e-14
                    else {{ tolerance }} / 1000.0
                end as {{ float_type }}
            ),
            cast(
                case
                    when max(starting_factor) over () > 0 then starting_factor / max(starting_factor) over ()
                    else 0
                end as {{ float_type }}
            ),
            cast(null as {{ float_type }}),
            cast(null as {{ float_type }}),
            cast(null as {{ float_type }})
        from {{ channel_targets }}

        union all

        select
            rescaled.iteration + 1,
            rescaled.channel,
            rescaled.target_conversions,
            rescaled.stall_threshold,
            case
                when max(rescaled.rescaled_factor) over () > 0
                    then rescaled.rescaled_factor / max(rescaled.rescaled_factor) over ()
                else 0
            end,
            rescaled.attributed_conversions,
            max(abs(rescaled.attributed_conversions - rescaled.target_conversions)) over (),
            max(abs(rescaled.attributed_conversions - rescaled.previous_conversions)) over ()
        from (
            select
                channel_totals.iteration,
                channel_totals.channel,
                channel_totals.target_conversions,
                channel_totals.stall_threshold,
                channel_totals.previous_conversions,
                channel_totals.attributed_conversions,
                case
                    when channel_totals.attributed_conversions > 0
                        then channel_totals.credit_factor * channel_totals.target_conversions
                        / channel_totals.attributed_conversions
                    else channel_totals.credit_factor
                end as rescaled_factor
            from (
                select
                    shares.iteration,
                    shares.channel,
                    shares.target_conversions,
                    shares.stall_threshold,
                    shares.credit_factor,
                    shares.previous_conversions,
                    sum(shares.conversions * shares.channel_share) over (
                        partition by shares.channel
                    ) as attributed_conversions,
                    row_number() over (
                        partition by shares.channel order by shares.signature_id
                    ) as channel_row
                from (
                    select
                        allocation.iteration,
                        allocation.channel,
                        allocation.target_conversions,
                        allocation.stall_threshold,
                        allocation.credit_factor,
                        allocation.attributed_conversions as previous_conversions,
                        signature_channels.signature_id,
                        signature_channels.conversions,
                        case
                            when sum(signature_channels.touch_count * allocation.credit_factor) over (
                                partition by signature_channels.signature_id
                            ) > 0
                                then signature_channels.touch_count * allocation.credit_factor
                                / sum(signature_channels.touch_count * allocation.credit_factor) over (
                                    partition by signature_channels.signature_id
                                )
                            else signature_channels.touch_count * 1.0
                            / sum(signature_channels.touch_count) over (
                                partition by signature_channels.signature_id
                            )
                        end as channel_share
                    from allocation
                    inner join {{ signature_channels }} as signature_channels
                        on allocation.channel = signature_channels.channel
                    where
                        allocation.iteration < {{ max_iterations }}
                        and (
                            allocation.max_error is null
                            or (
                                allocation.max_error > {{ tolerance }}
                                and (
                                    allocation.max_change is null
                                    or allocation.max_change > allocation.stall_threshold
                                )
                            )
                        )
                ) as shares
            ) as channel_totals
            where channel_totals.channel_row = 1
        ) as rescaled

    ),

    last_iteration as (

        select max(iteration) as iteration
        from allocation

    )

    select
        allocation.channel,
        allocation.credit_factor,
        allocation.iteration as iterations,
        allocation.max_error,
        allocation.max_change
    from allocation
    inner join last_iteration
        on allocation.iteration = last_iteration.iteration
{%- endmacro %}


{#- Spark 4.0 has no recursive CTE: the same iteration as a fold
    (`aggregate` over sequence(1, max_iterations)) on one row holding the
    channel targets and the signatures as arrays; once done, a step returns
    its state unchanged. `element_at(transform(array(x), v -> f(v)), 1)`
    binds x once, as a let. -#}
{% macro spark__solve_markov_credit_factors(signature_channels, channel_targets, tolerance, max_iterations) -%}
    with channel_positions as (

        select
            channel,
            cast(target_conversions as double) as target_conversions,
            cast(starting_factor as double) as starting_factor,
            cast(total_conversions as double) as total_conversions,
            cast(row_number() over (order by channel) as int) as channel_position
        from {{ channel_targets }}

    ),

    signatures as (

        select
            signature_channels.signature_id,
            cast(max(signature_channels.conversions) as double) as conversions,
            collect_list(
                named_struct(
                    'position', channel_positions.channel_position,
                    'touches', cast(signature_channels.touch_count as double)
                )
            ) as members
        from {{ signature_channels }} as signature_channels
        inner join channel_positions
            on signature_channels.channel = channel_positions.channel
        group by signature_channels.signature_id

    ),

    channel_problem as (

        select
            transform(
                array_sort(collect_list(struct(channel_position, target_conversions))),
                x -> x.target_conversions
            ) as targets,
            transform(
                array_sort(collect_list(struct(channel_position, starting_factor))),
                x -> x.starting_factor
            ) as starting_factors,
            greatest(coalesce(max(total_conversions), 0) * 1.0e-14, {{ tolerance }} / 1000.0) as stall_threshold
        from channel_positions

    ),

    signature_problem as (

        select collect_list(named_struct('conversions', conversions, 'members', members)) as signatures
        from signatures

    ),

    solved as (

        select
            aggregate(
                sequence(1, {{ max_iterations }}),
                named_struct(
                    'factors', transform(
                        channel_problem.starting_factors,
                        f -> case
                            when array_max(channel_problem.starting_factors) > 0
                                then f / array_max(channel_problem.starting_factors)
                            else cast(0 as double)
                        end
                    ),
                    'totals', cast(null as array<double>),
                    'max_error', cast(null as double),
                    'max_change', cast(null as double),
                    'iterations', 0,
                    'done', size(channel_problem.targets) = 0
                ),
                (state, step) -> case
                    when state.done then state
                    else element_at(transform(
                        array(transform(
                            sequence(1, size(channel_problem.targets)),
                            k -> aggregate(
                                signature_problem.signatures,
                                cast(0 as double),
                                (total, s) -> total + s.conversions * element_at(transform(
                                    array(named_struct(
                                        'own', aggregate(
                                            s.members, cast(0 as double),
                                            (a, m) -> a + case when m.position = k then m.touches else 0 end
                                        ),
                                        'weight', aggregate(
                                            s.members, cast(0 as double),
                                            (a, m) -> a + m.touches * element_at(state.factors, m.position)
                                        ),
                                        'touches', aggregate(s.members, cast(0 as double), (a, m) -> a + m.touches)
                                    )),
                                    c -> case
                                        when c.own = 0 then cast(0 as double)
                                        when c.weight > 0 then c.own * element_at(state.factors, k) / c.weight
                                        else c.own / c.touches
                                    end
                                ), 1)
                            )
                        )),
                        totals -> element_at(transform(
                            array(named_struct(
                                'rescaled', transform(
                                    sequence(1, size(totals)),
                                    k -> case
                                        when element_at(totals, k) > 0
                                            then element_at(state.factors, k) * element_at(channel_problem.targets, k)
                                            / element_at(totals, k)
                                        else element_at(state.factors, k)
                                    end
                                ),
                                'max_error', array_max(
                                    zip_with(totals, channel_problem.targets, (x, y) -> abs(x - y))
                                ),
                                'max_change', case
                                    when state.totals is not null
                                        then array_max(zip_with(totals, state.totals, (x, y) -> abs(x - y)))
                                end
                            )),
                            n -> named_struct(
                                'factors', transform(
                                    n.rescaled,
                                    f -> case
                                        when array_max(n.rescaled) > 0 then f / array_max(n.rescaled)
                                        else cast(0 as double)
                                    end
                                ),
                                'totals', totals,
                                'max_error', n.max_error,
                                'max_change', n.max_change,
                                'iterations', state.iterations + 1,
                                'done', n.max_error <= {{ tolerance }}
                                or coalesce(n.max_change <= channel_problem.stall_threshold, false)
                                or state.iterations + 1 >= {{ max_iterations }}
                            )
                        ), 1)
                    ), 1)
                end
            ) as final_state
        from channel_problem
        cross join signature_problem

    )

    select
        channel_positions.channel,
        element_at(solved.final_state.factors, channel_positions.channel_position) as credit_factor,
        solved.final_state.iterations as iterations,
        solved.final_state.max_error as max_error,
        solved.final_state.max_change as max_change
    from channel_positions
    cross join solved
{%- endmacro %}
