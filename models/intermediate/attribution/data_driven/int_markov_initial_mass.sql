with absorbing_chain as (

    select * from {{ ref('int_markov_absorbing_chain') }}

),

final as (

    select distinct
        markov_order,
        removed_channel,
        '(start)' as state,
        cast(1 as {{ mta.double_type() }}) as mass,
        0 as iterations
    from absorbing_chain

)

select * from final
