with

base_contacts as (
    select * from {{ ref('base_crm__contacts') }}
),

final as (
    select
        contact_id,
        email_hash,
        phone_hash,
        created_at,
        updated_at,
        lifecycle_stage,
        anonymous_id,
        gclid,
        lead_source,
        lead_source_category,
        is_ai_lead_source,
        merged_into_contact_id,
        is_deleted
    from base_contacts
    where quarantine_reason is null
)

select * from final
