from thoughtful.cli import main

raise SystemExit(main())
