with

conversions as (
    select * from {{ ref('int_conversions_matched') }}
),

paths as (
    select * from {{ ref('fct_conversion_paths') }}
),

path_lengths as (
    select
        conversion_id,
        count(*) as touchpoint_count
    from paths
    group by conversion_id
),

final as (
    select
        conversions.conversion_id,
        conversions.order_id,
        conversions.person_id,
        conversions.converted_at,
        conversions.conversion_type,
        conversions.collector,
        cast(conversions.revenue as decimal(18, 2)) as revenue,
        conversions.is_attributable,
        case
            when not conversions.is_attributable then 'excluded'
            when coalesce(path_lengths.touchpoint_count, 0) > 0 then 'observed'
            else 'modeled'
        end as revenue_basis,
        conversions.match_method,
        coalesce(path_lengths.touchpoint_count, 0) as touchpoint_count
    from conversions
    left join path_lengths
        on conversions.conversion_id = path_lengths.conversion_id
)

select * from final
