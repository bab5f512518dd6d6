{#- The referrer_domains seed, its text normalized (vocab_text) and a leading
    `www.` removed from the domain, as referrer hosts are. See _reference__models.yml. -#}
with

referrer_domains as (
    select * from {{ mta.seed_ref('referrer_domains') }}
),

final as (
    select
        {{ mta.regex_replace_all(mta.vocab_text('domain'), '^www[.]', '') }} as domain,  -- noqa: RF04
        {{ mta.vocab_text('source') }} as source,  -- noqa: RF04
        {{ mta.vocab_text('source_category') }} as source_category
    from referrer_domains
)

select * from final
