{#- One row per normalized alias (vocab_text), so a seed edit can never
    multiply rows (tests/data_tests/assert_seed_aliases_unique_after_normalization
    lists the aliases that collide). See _reference__models.yml. -#}
with

utm_medium_aliases as (
    select * from {{ mta.seed_ref('utm_medium_aliases') }}
),

final as (
    select
        {{ mta.vocab_text('alias') }} as alias,  -- noqa: RF04
        min({{ mta.vocab_text('medium') }}) as medium
    from utm_medium_aliases
    group by {{ mta.vocab_text('alias') }}
)

select * from final
