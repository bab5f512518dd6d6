{#-
    Distribution of the time from a converting path's first touch to the
    conversion, in day buckets, with the average time from the last touch.
-#}
with

journeys as (
    select * from {{ ref('fct_journeys') }}
),

time_buckets as (
    {%- set buckets = [
        (1, 'under 1 day', 0, 1),
        (2, '1 to 3 days', 1, 3),
        (3, '3 to 7 days', 3, 7),
        (4, '7 to 14 days', 7, 14),
        (5, '14 to 30 days', 14, 30),
        (6, '30 days or more', 30, none),
    ] %}
    {%- for bucket_order, bucket_name, lower_days, upper_days in buckets %}
    select
        {{ bucket_order }} as bucket_order,
        '{{ bucket_name }}' as time_to_conversion_bucket,
        {{ lower_days }} as lower_days,
        {{ upper_days if upper_days is not none else 'null' }} as upper_days
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

converted_journeys as (
    select
        journeys.conversion_id,
        coalesce(journeys.revenue, 0) as revenue,
        {{ mta.seconds_between('journeys.first_touched_at', 'journeys.converted_at') }} / 86400.0
            as days_from_first_touch,
        {{ mta.seconds_between('journeys.last_touched_at', 'journeys.converted_at') }} / 86400.0
            as days_from_last_touch
    from journeys
    where journeys.is_converted
),

bucketed as (
    select
        time_buckets.bucket_order,
        time_buckets.time_to_conversion_bucket,
        converted_journeys.conversion_id,
        converted_journeys.revenue,
        converted_journeys.days_from_first_touch,
        converted_journeys.days_from_last_touch
    from converted_journeys
    inner join time_buckets
        on
            converted_journeys.days_from_first_touch >= time_buckets.lower_days
            and (
                time_buckets.upper_days is null
                or converted_journeys.days_from_first_touch < time_buckets.upper_days
            )
),

bucket_totals as (
    select
        time_buckets.bucket_order,
        time_buckets.time_to_conversion_bucket,
        count(bucketed.conversion_id) as conversions,
        coalesce(sum(bucketed.revenue), 0) as revenue,
        avg(bucketed.days_from_first_touch) as avg_days_from_first_touch,
        avg(bucketed.days_from_last_touch) as avg_days_from_last_touch
    from time_buckets
    left join bucketed
        on time_buckets.bucket_order = bucketed.bucket_order
    group by 1, 2
),

final as (
    select
        cast(bucket_order as integer) as bucket_order,
        time_to_conversion_bucket,
        cast(conversions as bigint) as conversions,
        {{ mta.money("revenue") }} as revenue,
        {{ mta.safe_ratio('conversions', 'sum(conversions) over ()') }} as share_of_conversions,
        {{ mta.safe_ratio(
            'sum(conversions) over (order by bucket_order rows between unbounded preceding and current row)',
            'sum(conversions) over ()'
        ) }} as cumulative_share_of_conversions,
        cast(avg_days_from_first_touch as {{ mta.double_type() }}) as avg_days_from_first_touch,
        cast(avg_days_from_last_touch as {{ mta.double_type() }}) as avg_days_from_last_touch
    from bucket_totals
)

select * from final
