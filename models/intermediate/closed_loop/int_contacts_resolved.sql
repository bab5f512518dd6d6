{#-
    One row per surviving CRM contact: not merged into another contact
    (merged_into_contact_id null) and not deleted. Each gets its person
    (int_identifiers_resolved; identity follows merged_into_contact_id, so a
    surviving contact and the contacts merged into it are one person) and
    the contacts merged into it (directly or through a chain).
-#}
with

contacts as (
    select * from {{ ref('stg_crm__contacts') }}
),

identifiers as (
    select * from {{ ref('int_identifiers_resolved') }}
),

contact_persons as (
    select
        contacts.contact_id,
        identifiers.person_id
    from contacts
    left join identifiers
        on {{ mta.identity_identifier('contact', 'contacts.contact_id') }} = identifiers.identifier
),

surviving_contacts as (
    select contacts.*
    from contacts
    where
        contacts.merged_into_contact_id is null
        and not coalesce(contacts.is_deleted, false)
),

-- a merged-away contact belongs to the surviving contact of its person that
-- it names, directly or through another merged contact (two hops cover the
-- chains the CRM exports; identity already unites the whole chain)
merged_contacts as (
    select
        merged.contact_id,
        coalesce(
            case when survivor.merged_into_contact_id is null then survivor.contact_id end,
            survivor.merged_into_contact_id
        ) as surviving_contact_id
    from contacts as merged
    inner join contacts as survivor
        on merged.merged_into_contact_id = survivor.contact_id
    where merged.contact_id <> merged.merged_into_contact_id
),

merged_counts as (
    select
        surviving_contact_id,
        count(*) as n_merged_contacts
    from merged_contacts
    group by surviving_contact_id
),

final as (
    select
        surviving_contacts.contact_id,
        contact_persons.person_id,
        surviving_contacts.email_hash,
        surviving_contacts.phone_hash,
        surviving_contacts.created_at,
        surviving_contacts.updated_at,
        surviving_contacts.lifecycle_stage,
        surviving_contacts.lead_source,
        surviving_contacts.lead_source_category,
        surviving_contacts.is_ai_lead_source,
        surviving_contacts.gclid,
        coalesce(merged_counts.n_merged_contacts, 0) as n_merged_contacts
    from surviving_contacts
    left join contact_persons
        on surviving_contacts.contact_id = contact_persons.contact_id
    left join merged_counts
        on surviving_contacts.contact_id = merged_counts.surviving_contact_id
)

select * from final
