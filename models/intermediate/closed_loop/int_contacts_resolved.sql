{#- The walk is computed by pointer doubling (no recursive CTE: Spark 4.0 has
    none): jump_<k> is where k merges lead and the smallest contact on the
    way, for k = 1, 2, 4, ... 2^doublings. Chains and loops of up to
    2^doublings merges are followed in full. -#}
{%- set doublings = 5 -%}

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

-- a merge whose target is in the export
merge_edges as (
    select
        merged.contact_id,
        merged.merged_into_contact_id as target_contact_id
    from contacts as merged
    inner join contacts as targets
        on merged.merged_into_contact_id = targets.contact_id
),

-- one merge from each contact: its target, or itself when it is merged into
-- nothing in the export (a chain's end stays where it is); the smallest
-- contact_id on the way
jump_1 as (
    select
        contacts.contact_id,
        coalesce(merge_edges.target_contact_id, contacts.contact_id) as landing_contact_id,
        case
            when merge_edges.target_contact_id < contacts.contact_id then merge_edges.target_contact_id
            else contacts.contact_id
        end as smallest_contact_id
    from contacts
    left join merge_edges
        on contacts.contact_id = merge_edges.contact_id
),
{% for level in range(1, doublings + 1) %}
{%- set half = 2 ** (level - 1) %}
-- {{ 2 ** level }} merges: {{ half }} from the contact, then {{ half }} from where they led
jump_{{ 2 ** level }} as (
    select
        first_half.contact_id,
        second_half.landing_contact_id,
        case
            when second_half.smallest_contact_id < first_half.smallest_contact_id
                then second_half.smallest_contact_id
            else first_half.smallest_contact_id
        end as smallest_contact_id
    from jump_{{ half }} as first_half
    inner join jump_{{ half }} as second_half
        on first_half.landing_contact_id = second_half.contact_id
),
{% endfor %}
-- after enough merges a walk rests on a chain's end (which leads to itself)
-- or runs round a loop: a chain's end survives; in a loop, its smallest contact
contact_survivors as (
    select
        walks.contact_id,
        case
            when ends.landing_contact_id = walks.landing_contact_id then walks.landing_contact_id
            else loops.smallest_contact_id
        end as surviving_contact_id
    from jump_{{ 2 ** doublings }} as walks
    inner join jump_1 as ends
        on walks.landing_contact_id = ends.contact_id
    inner join jump_{{ 2 ** doublings }} as loops
        on walks.landing_contact_id = loops.contact_id
),

surviving_contacts as (
    select contacts.*
    from contacts
    inner join contact_survivors
        on
            contacts.contact_id = contact_survivors.contact_id
            and contacts.contact_id = contact_survivors.surviving_contact_id
    where not coalesce(contacts.is_deleted, false)
),

merged_contacts as (
    select
        contact_id,
        surviving_contact_id
    from contact_survivors
    where contact_id <> surviving_contact_id
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
