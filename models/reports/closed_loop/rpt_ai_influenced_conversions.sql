with

conversions as (
    select * from {{ ref('fct_conversions') }}
),

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_resolved') }}
),

paths as (
    select * from {{ ref('fct_conversion_paths') }}
),

ai_lead_contacts as (
    {#- The identifier is computed before the join: as a join condition, its
        junk-list test made the engine compare every contact with every
        identifier (a cross product). #}
    select
        contacts.lead_source,
        {{ mta.identity_identifier('contact', 'contacts.contact_id') }} as contact_identifier
    from contacts
    where contacts.is_ai_lead_source
),

ai_lead_persons as (
    select
        identifiers.person_id,
        min(ai_lead_contacts.lead_source) as lead_source,
        count(*) as n_ai_lead_contacts
    from ai_lead_contacts
    inner join identifiers
        on ai_lead_contacts.contact_identifier = identifiers.identifier
    where identifiers.person_id is not null
    group by identifiers.person_id
),

ai_search_paths as (
    select distinct paths.conversion_id
    from paths
    where paths.channel = 'ai_search'
),

final as (
    select
        conversions.conversion_id,
        conversions.person_id,
        conversions.conversion_type,
        conversions.converted_at,
        conversions.revenue_basis,
        {{ mta.money('conversions.revenue') }} as revenue,
        ai_lead_persons.lead_source
    from conversions
    inner join ai_lead_persons
        on conversions.person_id = ai_lead_persons.person_id
    left join ai_search_paths
        on conversions.conversion_id = ai_search_paths.conversion_id
    where
        conversions.is_attributable
        and ai_search_paths.conversion_id is null
)

select * from final
