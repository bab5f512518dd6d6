{#-
    Every example URL of the channel examples (seed utm_channel_examples, or
    a project's own examples named by var mta_utm_channel_examples_seed)
    classifies to its expected channel, utm_source and utm_medium with the
    vocabulary the staging models read. Lists every example that does not.
    Runs where the repository is the root project (the spec's examples
    against the shipped seeds), and in a project that installs the package
    and names examples of its own.
-#}
{{ config(enabled=var('mta_package_tests', project_name == 'mta')
    or var('mta_utm_channel_examples_seed') != 'utm_channel_examples') }}

{{ mta.channel_example_mismatches(mta.seed_ref('utm_channel_examples')) }}
