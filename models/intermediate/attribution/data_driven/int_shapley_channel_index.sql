with paths as (

    select * from {{ ref('int_data_driven_paths') }}

),

journey_channels as (

    select distinct
        journey_id,
        channel,
        conversions + non_conversions as journey_weight
    from paths

),

channel_frequencies as (

    select
        channel,
        sum(journey_weight) as journey_frequency
    from journey_channels
    group by channel

),

other_channel as (

    select
        'other' as channel,
        cast(0 as {{ mta.double_type() }}) as journey_frequency
    from (
        select count(*) as other_rows
        from channel_frequencies
        where channel = 'other'
    ) as existing_other
    where existing_other.other_rows = 0

),

all_channels as (

    select
        channel,
        journey_frequency
    from channel_frequencies

    union all

    select
        channel,
        journey_frequency
    from other_channel

),

final as (

    select
        channel,
        cast(row_number() over (order by channel) - 1 as {{ dbt.type_int() }}) as channel_bit,
        journey_frequency,
        case
            when channel <> 'other'
                then row_number() over (
                    order by
                        case when channel = 'other' then 1 else 0 end asc,
                        journey_frequency desc,
                        channel asc
                )
        end as frequency_rank
    from all_channels

)

select * from final
