{#- The channel_rules seed, its text normalized (vocab_text); the note is left
    out. See _reference__models.yml. -#}
with

channel_rules as (
    select * from {{ mta.seed_ref('channel_rules') }}
),

final as (
    select
        rule_order,
        {{ mta.vocab_text('evidence_type') }} as evidence_type,
        {{ mta.vocab_text('source_category') }} as source_category,
        {{ mta.vocab_text('medium') }} as medium,
        {{ mta.vocab_text('channel') }} as channel
    from channel_rules
)

select * from final
