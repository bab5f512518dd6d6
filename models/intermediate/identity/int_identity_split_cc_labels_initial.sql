with directed_edges as (

    select * from {{ ref('int_identity_split_cc_edges') }}

),

final as (

    select
        src as node,
        case
            when min(dst) < src then min(dst)
            else src
        end as component_key,
        0 as propagation_rounds
    from directed_edges
    group by src

)

select * from final
