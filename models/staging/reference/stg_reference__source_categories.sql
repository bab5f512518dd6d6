{#- The source_categories seed, its text normalized (vocab_text). See _reference__models.yml. -#}
with

source_categories as (
    select * from {{ mta.seed_ref('source_categories') }}
),

final as (
    select
        {{ mta.vocab_text('source') }} as source,  -- noqa: RF04
        {{ mta.vocab_text('source_category') }} as source_category,
        {{ mta.vocab_text('default_paid_channel') }} as default_paid_channel
    from source_categories
)

select * from final
