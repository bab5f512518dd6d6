{#-
    The alias seeds are matched trimmed and lower-cased (macro vocab_text), so
    two rows that differ only by case or surrounding spaces (`FB` and `fb `)
    are one alias. Lists every such alias; the staging models would otherwise
    keep the alphabetically first canonical value of the two.
-#}
with

source_aliases as (
    select
        'utm_source_aliases' as seed_name,
        {{ mta.vocab_text('alias') }} as normalized_alias
    from {{ mta.seed_ref('utm_source_aliases') }}
),

medium_aliases as (
    select
        'utm_medium_aliases' as seed_name,
        {{ mta.vocab_text('alias') }} as normalized_alias
    from {{ mta.seed_ref('utm_medium_aliases') }}
),

all_aliases as (
    select * from source_aliases
    union all
    select * from medium_aliases
)

select
    seed_name,
    normalized_alias,
    count(*) as seed_rows
from all_aliases
where normalized_alias is not null
group by seed_name, normalized_alias
having count(*) > 1
