{#- The work tables of the loop, named after the model being built. -#}
{% macro identity_cc_work_relation(suffix) -%}
    {{ return(api.Relation.create(
        database=this.database,
        schema=this.schema,
        identifier=this.identifier ~ '__cc_' ~ suffix,
        type='table',
    )) }}
{%- endmacro %}
