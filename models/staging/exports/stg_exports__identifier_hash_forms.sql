{#-
    Staging's email and phone hashes with the hash Google Ads expects for the
    same value, read from every raw column that holds an email or a phone.
    Staging hashes the normalized email, and the phone's E.164 digits
    without the '+' (Meta's form); Google Ads wants the dots of gmail.com
    addresses removed before hashing and the phone's leading '+' kept. Only
    hashes leave this model. Raw tables are read through raw_rows, so an
    absent table or column gives no rows.
    See _exports__models.yml.
-#}
{%- set raw_tables = [
    ('web_events', ['email']),
    ('message_events', ['email', 'phone']),
    ('crm_contacts', ['email', 'phone']),
    ('conversions', ['email', 'phone']),
] -%}

with

{% for table_name, columns in raw_tables -%}
raw_{{ table_name }} as (
    select * from {{ mta.raw_rows(table_name) }} as raw_table
),

{% endfor -%}

hash_pairs as (
    {%- for table_name, columns in raw_tables %}
    {%- set outer_loop = loop %}
    {%- for column in columns %}
    select
        '{{ column }}' as identifier_type,
        {%- if column == 'email' %}
        {{ mta.email_hash('raw_' ~ table_name ~ '.' ~ column) }} as identifier_hash,
        {{ mta.google_email_hash('raw_' ~ table_name ~ '.' ~ column) }} as google_identifier_hash
        {%- else %}
        {{ mta.phone_hash('raw_' ~ table_name ~ '.' ~ column) }} as identifier_hash,
        {{ mta.google_phone_hash('raw_' ~ table_name ~ '.' ~ column) }} as google_identifier_hash
        {%- endif %}
    from raw_{{ table_name }}
    where raw_{{ table_name }}.{{ column }} is not null
    {%- if not (outer_loop.last and loop.last) %}
    union all
    {%- endif %}
    {%- endfor %}
    {%- endfor %}
),

final as (
    select distinct
        cast(hash_pairs.identifier_type as {{ dbt.type_string() }}) as identifier_type,
        cast(hash_pairs.identifier_hash as {{ dbt.type_string() }}) as identifier_hash,
        cast(hash_pairs.google_identifier_hash as {{ dbt.type_string() }}) as google_identifier_hash
    from hash_pairs
    where hash_pairs.identifier_hash is not null
)

select * from final
