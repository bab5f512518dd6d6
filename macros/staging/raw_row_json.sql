{#-
    The raw row as JSON text, for audit_quarantine: every contract column of
    the table (alias `relation_alias`, as read by raw_rows), in contract
    order, after `leading_pairs` (a list of (key, SQL expression), e.g. where
    the row came from), without clear personal data: email, phone and IP
    fields are hashed (pii_field_hash), URLs scrubbed (scrub_pii), free text
    and typed ids already are (raw_rows). The row stays recognisable (its
    key, times, amounts, campaign) and its shape is the contract's. Numbers
    are doubles and text is text, so the JSON does not depend on the
    warehouse's physical types.
-#}
{% macro raw_row_json(table_name, relation_alias, leading_pairs=[]) -%}
    {%- set pairs = leading_pairs | list -%}
    {%- for column, kind in mta.raw_contract()[table_name].columns -%}
        {%- set value = relation_alias ~ '.' ~ column -%}
        {%- if kind in ['email', 'phone', 'ip'] -%}
            {%- do pairs.append((column, mta.pii_field_hash(kind, value))) -%}
        {%- elif kind == 'url' -%}
            {%- do pairs.append((column, mta.scrub_pii(value))) -%}
        {%- else -%}
            {%- do pairs.append((column, value)) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ mta.json_object_text(pairs) }}
{%- endmacro %}
