{#- The click_id_params seed, its text normalized (vocab_text). See _reference__models.yml. -#}
with

click_id_params as (
    select * from {{ mta.seed_ref('click_id_params') }}
),

final as (
    select
        {{ mta.vocab_text('click_id_param') }} as click_id_param,
        {{ mta.vocab_text('source') }} as source,  -- noqa: RF04
        {{ mta.vocab_text('channel') }} as channel
    from click_id_params
)

select * from final
